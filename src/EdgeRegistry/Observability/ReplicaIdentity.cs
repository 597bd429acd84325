using System.Reflection;
using EdgeRegistry.Hosting;

namespace EdgeRegistry.Observability;

/// <summary>The labels of <c>edgereg_replica_info</c>: which mode, which build, which process.</summary>
public sealed class ReplicaIdentity(string mode, string version, string instance)
{
    public KeyValuePair<string, object?>[] Tags { get; } =
        [new("mode", mode), new("version", version), new("instance", instance)];

    public static ReplicaIdentity Of(ServerSettings settings) => new(
        settings.ScaleOut ? "scaleout" : "embedded",
        typeof(ReplicaIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        // Host name and process id: unique among replicas on one host, stable for the process's life.
        $"{Environment.MachineName}/{Environment.ProcessId}");
}
