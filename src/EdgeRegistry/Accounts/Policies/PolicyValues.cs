using System.Buffers;
using System.Text.Json;

namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// Reads and checks the values of Action and Resource. Each takes one string or a non-empty array of strings
/// (Alibaba: <c>"Action": "x"</c> and <c>"Action": ["x"]</c> are equivalent).
/// </summary>
internal static class PolicyValues
{
    private static readonly SearchValues<char> ServiceChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*?");

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.*?");

    /// <summary>Returns null when <paramref name="value"/> is acceptable, else what is wrong with it.</summary>
    public delegate string? Check(string value);

    public static List<string> ReadList(
        PolicyElements elements, string name, string path, Check check, List<PolicyError> errors)
    {
        var values = new List<string>();
        var at = $"{path}.{name}";
        if (!elements.TryGet(name, out var element))
        {
            if (elements.IsMissing(name))
            {
                errors.Add(new(at, $"{name} is missing; give a string or a non-empty array of strings"));
            }
        }
        else if (element.ValueKind == JsonValueKind.String)
        {
            Add(element, at, check, values, errors);
        }
        else if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(at, $"{name} must be a string or an array of strings, not {Describe(element)}"));
        }
        else if (element.GetArrayLength() == 0)
        {
            errors.Add(new(at, $"{name} is empty; list at least one entry"));
        }
        else
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Add(item, $"{at}[{index++}]", check, values, errors);
            }
        }

        return values;
    }

    /// <summary><c>*</c>, or <c>ram-code:action-name</c> where both parts are non-empty and may hold wildcards.</summary>
    public static string? CheckAction(string action)
    {
        if (action == "*")
        {
            return null;
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == action.Length - 1 || action.IndexOf(':', colon + 1) >= 0)
        {
            return $"\"{action}\" is not an action of the form <service>:<action>, such as \"iot:QueryEdgeDriver\" or \"iot:Query*\"";
        }

        var service = action.AsSpan(0, colon);
        var name = action.AsSpan(colon + 1);
        if (service.ContainsAnyExcept(ServiceChars) || name.ContainsAnyExcept(NameChars))
        {
            return $"\"{action}\" contains characters an action cannot have; use letters, digits and the wildcards * and ?";
        }

        return null;
    }

    /// <summary><c>*</c>, or an ARN <c>acs:service:region:account:relative-id</c> with no empty part.</summary>
    public static string? CheckResource(string resource)
    {
        if (resource.Length > 0 && resource.AsSpan().IndexOfAnyExcept('*') < 0)
        {
            return null;
        }

        var parts = resource.Split(':', 5);
        if (parts.Length != 5 || parts[0] != "acs" || Array.Exists(parts, p => p.Length == 0))
        {
            return $"\"{resource}\" is not a resource; use \"*\" or acs:<service>:<region>:<account-id>:<relative-id>, such as \"acs:iot:*:*:*\"";
        }

        return null;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static void Add(JsonElement item, string at, Check check, List<string> values, List<PolicyError> errors)
    {
        if (item.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(at, $"each entry must be a string, not {Describe(item)}"));
            return;
        }

        var text = item.GetString()!;
        if (check(text) is { } problem)
        {
            errors.Add(new(at, problem));
        }
        else
        {
            values.Add(text);
        }
    }
}
