using System.Collections.Frozen;
using System.Reflection;

namespace EdgeRegistry.Rpc;

/// <summary>
/// The parameter names a request may carry: the common ones (api.md section 2, and what the official clients add)
/// and every request parameter of any Iot action (<c>KnownIotParameters.txt</c>), the latter followed by the
/// flattened list indexes and struct fields of the clients (<c>DriverIds.1</c>, <c>Tag.1.TagKey</c>). Anything else
/// is refused, not ignored: a name no action reads is a typo the caller should hear about, and a name holding
/// <c>=</c>, <c>&amp;</c> or control characters is how a signed request gets folded into a different one.
/// </summary>
public static class ParameterNames
{
    /// <summary>Indexes are 1-based, without leading zeros; nine digits keep them within an int.</summary>
    private const int MaxIndexDigits = 9;

    private static readonly string[] Common =
    [
        "Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce",
        "SignatureType", "Timestamp", "SecurityToken", "BearerToken", "RegionId",
    ];

    private static readonly Lazy<FrozenSet<string>> Known = new(Load);

    /// <summary>Why <paramref name="name"/> cannot be a parameter of an Iot request, or null when it can.</summary>
    public static string? Problem(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? name : name[..dot];
        if (!Known.Value.Contains(head))
        {
            return $"The parameter \"{ClientText.Quote(name)}\" is not a parameter of any Iot action; names are case-sensitive.";
        }

        if (dot < 0)
        {
            return null;
        }

        foreach (var segment in name[(dot + 1)..].Split('.'))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                if (segment[0] == '0' || segment.Length > MaxIndexDigits)
                {
                    return $"The parameter \"{ClientText.Quote(name)}\" is not a valid list item: number items {head}.1, {head}.2, … without leading zeros.";
                }
            }
            else if (segment.Length == 0 || !char.IsAsciiLetter(segment[0]) || !segment.All(char.IsAsciiLetterOrDigit))
            {
                return $"The parameter \"{ClientText.Quote(name)}\" is not a valid flattened name: after {head}, use list indexes and field names such as {head}.1 or {head}.1.Name.";
            }
        }

        return null;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("EdgeRegistry.Rpc.KnownIotParameters.txt")!;
        using var reader = new StreamReader(stream);
        var names = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#'));
        return names.Concat(Common).ToFrozenSet(StringComparer.Ordinal);
    }
}
