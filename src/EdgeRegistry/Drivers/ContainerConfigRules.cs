using System.Text.Json;
using static EdgeRegistry.Drivers.JsonParameterRules;

namespace EdgeRegistry.Drivers;

/// <summary>
/// ContainerConfig (api.md 5.1): privileges, host networking and the port, device and volume mappings of the
/// driver's container. Errors name the field path, e.g. <c>ContainerConfig.portMappings[2].hostPort</c>.
/// </summary>
public static class ContainerConfigRules
{
    private const int MaxMappings = 10;

    public static void Check(JsonElement root)
    {
        Expect(root.ValueKind == JsonValueKind.Object, "ContainerConfig must be a JSON object.");
        Flag(root, "privileged");
        Flag(root, "hostNetworkMode");
        Mappings(root, "portMappings", PortMapping);
        Mappings(root, "devMappings", DevMapping);
        Mappings(root, "volumeMappings", VolumeMapping);
        HostPortsAreDistinct(root);
    }

    private static void Flag(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var flag))
        {
            Expect(flag.ValueKind == JsonValueKind.Number && flag.TryGetInt32(out var v) && v is 0 or 1, $"ContainerConfig.{name} must be 0 or 1.");
        }
    }

    private static void Mappings(JsonElement root, string name, Action<JsonElement, string> check)
    {
        if (!root.TryGetProperty(name, out var list))
        {
            return;
        }

        Expect(list.ValueKind == JsonValueKind.Array, $"ContainerConfig.{name} must be an array.");
        Expect(list.GetArrayLength() <= MaxMappings, $"ContainerConfig.{name} may hold at most {MaxMappings} mappings.");
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"ContainerConfig.{name}[{index++}]";
            Expect(item.ValueKind == JsonValueKind.Object, $"{path} must be an object.");
            check(item, path);
        }
    }

    private static void PortMapping(JsonElement m, string path)
    {
        Port(m, path, "hostPort");
        Port(m, path, "containerPort");
        Expect(Text(m, "protocol") is "tcp" or "udp", $"{path}.protocol must be tcp or udp.");
    }

    private static void DevMapping(JsonElement m, string path)
    {
        var hostPath = Text(m, "hostPath");
        Expect(hostPath is { Length: >= 1 and <= 128 } && hostPath.StartsWith("/dev/", StringComparison.Ordinal),
            $"{path}.hostPath must be a device path under /dev/ of at most 128 characters.");
        Permission(m, path);
        if (m.TryGetProperty("comment", out _))
        {
            Expect(Text(m, "comment") is { Length: <= 128 }, $"{path}.comment must be a string of at most 128 characters.");
        }
    }

    private static void VolumeMapping(JsonElement m, string path)
    {
        var hostPath = Text(m, "hostPath");
        Expect(hostPath is { Length: >= 1 and <= 128 } && !hostPath.Contains(' ', StringComparison.Ordinal),
            $"{path}.hostPath must be 1 to 128 characters without spaces.");
        var containerPath = Text(m, "containerPath");
        Expect(containerPath is { Length: >= 2 and <= 128 } && containerPath.StartsWith('/') && !containerPath.Contains(' ', StringComparison.Ordinal),
            $"{path}.containerPath must be an absolute path other than /, 2 to 128 characters without spaces.");
        Permission(m, path);
    }

    private static void HostPortsAreDistinct(JsonElement root)
    {
        if (!root.TryGetProperty("portMappings", out var list))
        {
            return;
        }

        var seen = new HashSet<(int, string?)>();
        var index = 0;
        foreach (var m in list.EnumerateArray())
        {
            var key = (m.GetProperty("hostPort").GetInt32(), Text(m, "protocol"));
            Expect(seen.Add(key), $"ContainerConfig.portMappings[{index}] maps host port {key.Item1}/{key.Item2} a second time.");
            index++;
        }
    }

    private static void Port(JsonElement m, string path, string name) =>
        Expect(m.TryGetProperty(name, out var port) && port.ValueKind == JsonValueKind.Number && port.TryGetInt32(out var v) && v is >= 1 and <= 65535,
            $"{path}.{name} must be an integer from 1 to 65535.");

    private static void Permission(JsonElement m, string path) =>
        Expect(Text(m, "permission") is "ro" or "rw", $"{path}.permission must be ro or rw.");

    private static string? Text(JsonElement m, string name) =>
        m.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
