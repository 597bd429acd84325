using System.Reflection;

namespace EdgeRegistry.Rpc;

/// <summary>
/// Every error the RPC surface can answer, read off <see cref="RpcErrors"/> itself (each public factory called once
/// with placeholder arguments), so that the documentation page cannot miss a code added to the catalog.
/// </summary>
public static class ErrorCatalog
{
    /// <summary>What a factory is called with: a code built from a name (Missing&lt;Name&gt;) keeps the placeholder.</summary>
    public const string NamePlaceholder = "<Name>";

    private static readonly Lazy<IReadOnlyList<RpcError>> Errors = new(Read);

    public static IReadOnlyList<RpcError> All => Errors.Value;

    private static IReadOnlyList<RpcError> Read() =>
        [.. typeof(RpcErrors).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(RpcException))
            .Select(m => ((RpcException)m.Invoke(null, [.. m.GetParameters().Select(Placeholder)])!).Error)
            .DistinctBy(e => e.Code)
            .OrderBy(e => e.Kind)
            .ThenBy(e => e.Code, StringComparer.Ordinal)];

    private static object? Placeholder(ParameterInfo parameter) =>
        parameter.ParameterType == typeof(string) ? NamePlaceholder
        : parameter.ParameterType == typeof(int) ? 0
        : parameter.ParameterType == typeof(long) ? 0L
        : parameter.ParameterType == typeof(IEnumerable<string>) ? Array.Empty<string>()
        : throw new InvalidOperationException($"RpcErrors.{parameter.Member.Name} takes a {parameter.ParameterType.Name}; ErrorCatalog has no placeholder for it.");
}
