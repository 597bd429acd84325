using System.Globalization;
using System.Text.Json;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Accounts.Policies;

/// <summary>
/// Turns policy text into a <see cref="PolicyDocument"/>, collecting every problem with the path of the element.
/// Element names and the values "1", "Allow" and "Deny" are case-sensitive, as Alibaba's policy syntax states.
/// </summary>
internal static class PolicyParser
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16 };

    public static PolicyParseResult Parse(string json)
    {
        if (json.Length > PolicyDocument.MaxLength)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture,
                $"the policy document is {json.Length:N0} characters long; a custom policy may have at most {PolicyDocument.MaxLength:N0}"));
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return Fail("the policy document is empty");
        }

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture,
                $"the policy document is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})"));
        }
        catch (ArgumentException)
        {
            // Text with a lone surrogate cannot be transcoded to UTF-8 for the reader (found by a property test).
            return Fail("the policy document is not valid text: it holds a surrogate without its pair");
        }

        using (parsed)
        {
            // First: the reading below decodes strings, and System.Text.Json throws on an escaped lone surrogate (the
            // admin API answered 500, and a stored document would have failed every request of its users).
            if (JsonStrings.FindUncarryable(parsed.RootElement, "") is { } text)
            {
                return PolicyParseResult.Failure([new PolicyError(text.Path,
                    $"the text {text.Problem}; control characters and surrogates without their pair are not allowed")]);
            }

            var errors = new List<PolicyError>();
            var statements = ReadDocument(parsed.RootElement, errors);
            return errors.Count == 0
                ? PolicyParseResult.Success(new PolicyDocument(statements))
                : PolicyParseResult.Failure(errors);
        }
    }

    private static List<PolicyStatement> ReadDocument(JsonElement root, List<PolicyError> errors)
    {
        var statements = new List<PolicyStatement>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("", $"the policy document must be a JSON object, not {PolicyValues.Describe(root)}"));
            return statements;
        }

        var elements = PolicyElements.Collect(root, "", PolicyElements.DocumentNames, errors);
        if (!elements.TryGet("Version", out var version))
        {
            if (elements.IsMissing("Version"))
            {
                errors.Add(new("Version", "Version is missing; it must be \"1\""));
            }
        }
        else if (version.ValueKind != JsonValueKind.String || version.GetString() != "1")
        {
            errors.Add(new("Version", $"Version must be the string \"1\", not {PolicyValues.Describe(version)}"));
        }

        if (!elements.TryGet("Statement", out var statement))
        {
            if (elements.IsMissing("Statement"))
            {
                errors.Add(new("Statement", "Statement is missing; it must list at least one statement"));
            }
        }
        else if (statement.ValueKind == JsonValueKind.Object)
        {
            // Alibaba's syntax: an element that takes a list also takes a single value, so one object is one statement.
            AddStatement(statement, "Statement", statements, errors);
        }
        else if (statement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("Statement", $"Statement must be an array of statements, not {PolicyValues.Describe(statement)}"));
        }
        else if (statement.GetArrayLength() == 0)
        {
            errors.Add(new("Statement", "Statement is empty; it must list at least one statement"));
        }
        else
        {
            var index = 0;
            foreach (var item in statement.EnumerateArray())
            {
                AddStatement(item, $"Statement[{index++}]", statements, errors);
            }
        }

        return statements;
    }

    private static void AddStatement(JsonElement element, string path, List<PolicyStatement> statements, List<PolicyError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"a statement must be a JSON object, not {PolicyValues.Describe(element)}"));
            return;
        }

        var before = errors.Count;
        var elements = PolicyElements.Collect(element, path, PolicyElements.StatementNames, errors);
        var effect = ReadEffect(elements, path, errors);
        var actions = PolicyValues.ReadList(elements, "Action", path, PolicyValues.CheckAction, errors);
        var resources = PolicyValues.ReadList(elements, "Resource", path, PolicyValues.CheckResource, errors);
        if (errors.Count == before)
        {
            statements.Add(new PolicyStatement(
                effect,
                actions.ConvertAll(text => new ActionPattern(text)),
                resources.ConvertAll(text => new ResourcePattern(text))));
        }
    }

    private static PolicyEffect ReadEffect(PolicyElements elements, string path, List<PolicyError> errors)
    {
        var at = $"{path}.Effect";
        if (!elements.TryGet("Effect", out var effect))
        {
            if (elements.IsMissing("Effect"))
            {
                errors.Add(new(at, "Effect is missing; it must be \"Allow\" or \"Deny\""));
            }

            return PolicyEffect.Deny;
        }

        switch (effect.ValueKind == JsonValueKind.String ? effect.GetString() : null)
        {
            case "Allow":
                return PolicyEffect.Allow;
            case "Deny":
                return PolicyEffect.Deny;
            case { } text when text.Equals("Allow", StringComparison.OrdinalIgnoreCase) || text.Equals("Deny", StringComparison.OrdinalIgnoreCase):
                errors.Add(new(at, $"Effect must be \"Allow\" or \"Deny\" (the value is case-sensitive), not \"{text}\""));
                return PolicyEffect.Deny;
            default:
                errors.Add(new(at, $"Effect must be \"Allow\" or \"Deny\", not {PolicyValues.Describe(effect)}"));
                return PolicyEffect.Deny;
        }
    }

    private static PolicyParseResult Fail(string message) => PolicyParseResult.Failure([new PolicyError("", message)]);
}
