using System.Globalization;

namespace EdgeRegistry.Rpc;

/// <summary>
/// Typed access to an operation's parameters. Absent or empty required values and values of the wrong type are
/// gateway errors (<c>Missing&lt;Name&gt;</c>, <c>InvalidParameter</c>), as api.md section 3 lists them.
/// </summary>
public sealed class ParameterReader(RpcParameters parameters)
{
    public string Required(string name) =>
        Optional(name) ?? throw RpcErrors.MissingOperationParameter(name);

    /// <summary>The value, or null when absent or empty (an empty value means "not set").</summary>
    public string? Optional(string name) => parameters[name] is { Length: > 0 } value ? value : null;

    public int RequiredInt(string name) => ParseInt(name, Required(name));

    public int? OptionalInt(string name) => Optional(name) is { } value ? ParseInt(name, value) : null;

    public bool? OptionalBoolean(string name) => Optional(name) switch
    {
        null => null,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var v => throw RpcErrors.InvalidParameter($"The parameter {name} must be a boolean (true or false); got \"{v}\"."),
    };

    /// <summary>A flattened list <c>Name.1</c>, <c>Name.2</c>, …, in index order; empty when none is given.</summary>
    public IReadOnlyList<string> List(string name)
    {
        var prefix = name + ".";
        var items = new SortedList<int, string>();
        foreach (var (key, value) in parameters.All)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!int.TryParse(key.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1)
            {
                throw RpcErrors.InvalidParameter($"The parameter {key} is not a valid list item: use {name}.1, {name}.2, ….");
            }

            // Names are checked on the way in (no leading zeros, no name twice), so no two items share an index;
            // should one slip through, it is the caller's error, not a crash.
            if (value.Length > 0 && !items.TryAdd(index, value))
            {
                throw RpcErrors.InvalidParameter($"The list {name} has item {index} more than once.");
            }
        }

        return [.. items.Values];
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw RpcErrors.InvalidParameter($"The parameter {name} must be an integer; got \"{value}\".");
}
