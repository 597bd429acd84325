using System.Text.Json;
using CsCheck;
using EdgeRegistry.Drivers;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Tests.Properties;

/// <summary>
/// The JSON parameter rules (Drivers/JsonParameterRules.cs) against random JSON with hostile strings and escapes:
/// a value is refused with the RPC error type or accepted, and an accepted value can always be read back (issue 11:
/// a stored lone-surrogate escape made every later read of the version fail).
/// </summary>
public sealed class JsonRuleProperties
{
    private static readonly string[] Keys =
    [
        "ossAddress", "temporaryOssAddress", "format", "content", "required", "deviceConfig", "driverConfig",
        "privileged", "devMappings", "volumes", "hostNetworkMode", "KV", "FILE", "JSON",
    ];

    /// <summary>Random JSON, plus near-valid values of each rule with a hostile string spliced in.</summary>
    private static readonly Gen<string> Value = Gen.Frequency(
        (3, Generators.JsonValue(3, Keys)),
        (2, Generators.JsonStringLiteral.Select(s => $"{{\"ossAddress\":\"http://example.com/p.zip\",\"x\":{s}}}")),
        (1, Generators.JsonStringLiteral.Select(s => $"{{\"ossAddress\":{s}}}")),
        (2, Generators.JsonStringLiteral.Select(s => $"[{{\"format\":\"KV\",\"content\":{s}}}]")),
        (1, Generators.JsonStringLiteral.Select(s => $"{{\"deviceConfig\":{{\"required\":false,{s}:1}}}}")),
        (1, Generators.JsonStringLiteral.Select(s => $"{{\"privileged\":false,\"devMappings\":[],\"volumes\":[{{\"source\":{s}}}]}}")),
        (1, Generators.JsonStringLiteral.Select(s => $"{{\"a\":{s},\"a\":1}}")));

    private static readonly (string Name, Func<string?, string> Rule)[] Rules =
    [
        ("SourceConfig", JsonParameterRules.SourceConfig),
        ("DriverConfig", JsonParameterRules.DriverConfig),
        ("ContainerConfig", JsonParameterRules.ContainerConfig),
        ("ConfigCheckRule", JsonParameterRules.ConfigCheckRule),
    ];

    [Fact]
    public void Accepted_values_can_always_be_read_back_in_both_formats()
    {
        Gen.Select(Value, Gen.Int[0, Rules.Length - 1]).Sample((value, rule) =>
        {
            string accepted;
            try
            {
                accepted = Rules[rule].Rule(value);
            }
            catch (RpcException)
            {
                return;
            }

            using var parsed = JsonDocument.Parse(accepted);
            Assert.Null(JsonStrings.FindUncarryable(parsed.RootElement, ""));
            Assert.False(HasDuplicateKeys(parsed.RootElement), $"{Rules[rule].Name} accepted duplicate keys: {accepted}");
            Assert.Equal(accepted, WireOutput.ThroughJson(accepted));
            Assert.Equal(accepted, WireOutput.ThroughXml(accepted));
            if (Rules[rule].Name == "SourceConfig")
            {
                var withLink = TemporaryOssAddress.AddTo(accepted, "http://127.0.0.1:1/oss/k?Signature=x");
                using var read = JsonDocument.Parse(withLink);
                Assert.Equal("http://127.0.0.1:1/oss/k?Signature=x", read.RootElement.GetProperty(TemporaryOssAddress.Field).GetString());
                Assert.Equal(withLink, WireOutput.ThroughXml(withLink));
            }
        }, iter: 4_000);
    }

    [Fact]
    public void A_stored_SourceConfig_of_any_text_gets_its_link_without_failing()
    {
        // Rows of older releases hold what today's rules refuse; reading them must still answer.
        Gen.Frequency((1, Generators.AnyText), (3, Value)).Sample(stored =>
        {
            var answered = TemporaryOssAddress.AddTo(stored, "http://127.0.0.1:1/oss/k");
            _ = WireOutput.ThroughJson(answered);
            _ = WireOutput.ThroughXml(answered);
            _ = WireOutput.ThroughJson(TemporaryOssAddress.WithoutStoredLink(stored));
        }, iter: 3_000);
    }

    private static bool HasDuplicateKeys(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).Any(g => g.Count() > 1)
            || element.EnumerateObject().Any(p => HasDuplicateKeys(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasDuplicateKeys),
        _ => false,
    };
}
