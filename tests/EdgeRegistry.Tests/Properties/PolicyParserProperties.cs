using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using EdgeRegistry.Accounts.Policies;

namespace EdgeRegistry.Tests.Properties;

/// <summary>
/// The RAM policy parser (Accounts/Policies): any text parses to a document or to errors, never both, never an
/// exception; generated valid documents parse, and their evaluation agrees with a plain regex model of RAM's rules.
/// </summary>
public sealed class PolicyParserProperties
{
    private static readonly string[] Actions =
    [
        "CreateEdgeDriver", "QueryEdgeDriver", "BatchGetEdgeDriver", "DeleteEdgeDriver", "CreateEdgeDriverVersion",
        "UpdateEdgeDriverVersion", "GetEdgeDriverVersion", "QueryEdgeDriverVersion", "DeleteEdgeDriverVersion",
    ];

    private static readonly Gen<string> ActionPattern = Gen.Frequency(
        (1, Gen.Const("*")),
        (1, Gen.OneOf(Actions).Select(a => "iot:" + a)),
        (1, Gen.OneOf(Actions).Select(a => "IOT:" + a.ToLowerInvariant())),
        (4, Gen.String[Gen.Char["EdgDrivQuyV*?e"], 1, 10].Select(n => "iot:" + n)),
        (1, Gen.String[Gen.Char["EdgDrivQuy*?"], 1, 6].Select(n => "ecs:" + n)));

    private static readonly Gen<(bool Allow, string[] Actions)> Statement =
        Gen.Select(Gen.Bool, ActionPattern.Array[1, 3]);

    private static readonly Gen<(bool Allow, string[] Actions)[]> Document = Statement.Array[1, 4];

    [Fact]
    public void Any_text_parses_to_a_document_or_to_errors_and_never_throws()
    {
        var policyish = Generators.JsonValue(3, "Version", "Statement", "Effect", "Action", "Resource", "Condition", "1", "Allow", "Deny", "*");
        Gen.Frequency((1, Generators.AnyText), (3, policyish)).Sample(text =>
        {
            var result = PolicyDocument.Parse(text);

            Assert.True(result.IsValid != (result.Errors.Count > 0), $"valid {result.IsValid} with {result.Errors.Count} errors");
        }, iter: 4_000);
    }

    [Fact]
    public void Generated_documents_parse_and_decide_as_RAM_rules_say()
    {
        Gen.Select(Document, Gen.OneOf(Actions)).Sample((statements, action) =>
        {
            var json = JsonSerializer.Serialize(new
            {
                Version = "1",
                Statement = statements.Select(s => new { Effect = s.Allow ? "Allow" : "Deny", Action = s.Actions, Resource = "*" }),
            });
            var result = PolicyDocument.Parse(json);
            Assert.True(result.IsValid, result.Message);
            Assert.Equal(statements.Length, result.Document!.Statements.Count);

            var applies = statements.Where(s => s.Actions.Any(p => Glob(p).IsMatch("iot:" + action))).ToList();
            var expected = applies.Any(s => !s.Allow) ? PolicyDecision.ExplicitDeny
                : applies.Count > 0 ? PolicyDecision.Allow
                : PolicyDecision.ImplicitDeny;
            Assert.Equal(expected, PolicyEvaluator.Evaluate([result.Document], action, "1234567890123456"));
        }, iter: 3_000);
    }

    /// <summary>RAM's wildcards as a regex: * any run, ? one character, case ignored.</summary>
    private static Regex Glob(string pattern) => new(
        "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
}
