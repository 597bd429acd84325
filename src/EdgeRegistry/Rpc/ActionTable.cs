using System.Reflection;
using EdgeRegistry.Drivers;

namespace EdgeRegistry.Rpc;

/// <summary>
/// Which Action runs which operation. <see cref="Operations"/> is the explicit list of what EdgeRegistry
/// implements; every other action of the Iot API is known (answered 501) and anything else is unknown (404).
/// </summary>
public sealed class ActionTable
{
    public const string ApiVersion = "2018-01-20";

    /// <summary>The implemented operations, one type per wire Action.</summary>
    public static readonly Type[] Operations =
    [
        typeof(CreateEdgeDriver),
        typeof(QueryEdgeDriver),
        typeof(BatchGetEdgeDriver),
        typeof(DeleteEdgeDriver),
        typeof(CreateEdgeDriverVersion),
        typeof(UpdateEdgeDriverVersion),
        typeof(GetEdgeDriverVersion),
        typeof(QueryEdgeDriverVersion),
        typeof(DeleteEdgeDriverVersion),
        typeof(ReleaseEdgeDriverVersion),
        typeof(CreateEdgeOssPreSignedAddress),
    ];

    private static readonly Lazy<HashSet<string>> KnownActions = new(LoadKnownActions);

    private readonly Dictionary<string, IRpcOperation> _operations;

    public ActionTable(IEnumerable<IRpcOperation> operations)
    {
        _operations = operations.ToDictionary(o => o.Action, StringComparer.Ordinal);
        Supported = [.. _operations.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Supported { get; }

    public IRpcOperation? Find(string action) => _operations.GetValueOrDefault(action);

    /// <summary>True for every action of Iot 2018-01-20, implemented or not.</summary>
    public bool IsKnown(string action) => _operations.ContainsKey(action) || KnownActions.Value.Contains(action);

    public static IServiceCollection AddOperations(IServiceCollection services)
    {
        foreach (var type in Operations)
        {
            services.AddSingleton(typeof(IRpcOperation), type);
        }

        return services.AddSingleton<ActionTable>();
    }

    private static HashSet<string> LoadKnownActions()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("EdgeRegistry.Rpc.KnownIotActions.txt")!;
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#'))];
    }
}
