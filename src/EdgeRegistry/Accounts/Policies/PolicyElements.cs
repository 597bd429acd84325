using System.Text.Json;

namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// The known elements of one JSON object of a policy, by name. Elements we do not evaluate are reported rather
/// than ignored: a user who wrote a Condition would otherwise believe it restricts access.
/// </summary>
internal sealed class PolicyElements
{
    public static readonly string[] DocumentNames = ["Version", "Statement"];

    public static readonly string[] StatementNames = ["Effect", "Action", "Resource"];

    private readonly Dictionary<string, JsonElement> _found = new(StringComparer.Ordinal);

    // Known names for which a refused stand-in ("effect", "NotAction") was already reported, so a second
    // "is missing" error would only repeat the first.
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    private PolicyElements()
    {
    }

    public static PolicyElements Collect(JsonElement obj, string path, string[] known, List<PolicyError> errors)
    {
        var elements = new PolicyElements();
        foreach (var property in obj.EnumerateObject())
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (Array.IndexOf(known, property.Name) >= 0)
            {
                if (!elements._found.TryAdd(property.Name, property.Value))
                {
                    // System.Text.Json keeps duplicates; which one RAM would honour is unclear, so neither is guessed.
                    errors.Add(new(at, $"{property.Name} appears more than once"));
                }

                continue;
            }

            var (standsFor, message) = WhyRefused(property.Name, known);
            errors.Add(new(at, message));
            if (standsFor is not null)
            {
                elements._reported.Add(standsFor);
            }
        }

        return elements;
    }

    public bool TryGet(string name, out JsonElement value) => _found.TryGetValue(name, out value);

    /// <summary>Whether the absence of <paramref name="name"/> still needs reporting.</summary>
    public bool IsMissing(string name) => !_found.ContainsKey(name) && !_reported.Contains(name);

    private static (string? StandsFor, string Message) WhyRefused(string name, string[] known)
    {
        var sameIgnoringCase = Array.Find(known, k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (sameIgnoringCase is not null)
        {
            return (sameIgnoringCase, $"unknown element \"{name}\"; element names are case-sensitive: write \"{sameIgnoringCase}\"");
        }

        return name switch
        {
            "Condition" => (null, "Condition is not supported: IoT Platform does not evaluate conditions, so the statement would "
                + "apply unconditionally; remove the Condition or narrow the statement's Action instead"),
            "NotAction" => ("Action", "NotAction is not supported; list the actions the statement covers in Action"),
            "NotResource" => ("Resource", "NotResource is not supported; IoT Platform authorizes at API level, so use \"Resource\": \"*\""),
            "Principal" or "NotPrincipal" => (null, $"{name} belongs in resource-based policies such as a RAM role's trust "
                + "policy, not in a policy attached to a RAM user"),
            _ => (null, $"unknown element \"{name}\"; expected only {string.Join(", ", known)}"),
        };
    }
}
