using System.Text;
using CsCheck;
using EdgeRegistry.Rpc;
using EdgeRegistry.Signing;
using Microsoft.AspNetCore.Http;

namespace EdgeRegistry.Tests.Properties;

/// <summary>
/// The parameter parser (RpcParameters, ParameterReader): whatever arrives, the only failure is the RPC error type;
/// parameters sent the way the official clients encode them come back exactly.
/// </summary>
public sealed class ParameterParsingProperties
{
    /// <summary>Real parameter names, list items and common parameters: what the parser must accept.</summary>
    private static readonly Gen<string> KnownName = Gen.OneOf(
        "DriverId", "DriverVersion", "Description", "SourceConfig", "Argument", "PageSize", "CurrentPage", "Action", "Format",
        "DriverIds.1", "DriverIds.2", "DriverIds.10", "Tag.1.TagKey", "InstanceId", "EdgeVersion");

    private static readonly Gen<string> AnyName = Gen.Frequency(
        (3, KnownName),
        (1, Generators.AnyText),
        (1, Gen.OneOf("DriverIds.01", "DriverIds.0", "DriverIds.", "DriverIds.1x", "A=a&B", "Driver Id", "driverid", "DriverId\n")));

    /// <summary>Raw query text: encoded pairs mixed with broken escapes, stray separators and raw non-ASCII.</summary>
    private static readonly Gen<string> RawQuery = Gen.Frequency(
        (3, Gen.Select(AnyName, Generators.AnyText, (n, v) => AcsPercentEncoding.Encode(n) + "=" + AcsPercentEncoding.Encode(v))),
        (1, Gen.OneOf("%", "%4", "%zz", "%FF", "%ED%A0%80", "%C0%80", "&", "=", "==", "+", "%00", "DriverIds.1=%E9")),
        (1, Generators.AnyText)).Array[0, 8].Select(parts => string.Join('&', parts));

    [Fact]
    public void Official_encoding_round_trips_through_the_query_and_the_form_body()
    {
        var distinctKnown = Gen.Select(KnownName, Generators.CarryableText).Array[1, 6]
            .Select(pairs => pairs.DistinctBy(p => p.Item1).ToArray());
        Gen.Select(distinctKnown, Gen.Bool).Sample((pairs, inBody) =>
        {
            var encoded = string.Join('&', pairs.Select(p => AcsPercentEncoding.Encode(p.Item1) + "=" + AcsPercentEncoding.Encode(p.Item2)));
            var parsed = Read(inBody ? "" : encoded, inBody ? encoded : "");

            Assert.Null(parsed.Problem);
            Assert.Equal(pairs.ToDictionary(p => p.Item1, p => p.Item2), parsed.All);
        }, iter: 2_000);
    }

    [Fact]
    public void Any_query_or_form_body_parses_or_is_refused_with_an_RPC_error()
    {
        Gen.Select(RawQuery, RawQuery).Sample((query, body) =>
        {
            var parsed = Read(query, body);

            Assert.True(parsed.Problem is null || parsed.Problem.Error.HttpStatus is >= 400 and < 500);
            Assert.All(parsed.All, p => Assert.Null(ParameterNames.Problem(p.Key)));
        }, iter: 3_000);
    }

    [Fact]
    public void The_typed_reader_fails_only_with_the_RPC_error_type()
    {
        var reads = Gen.OneOf("Required", "Optional", "RequiredInt", "OptionalInt", "OptionalBoolean", "List");
        Gen.Select(RawQuery, reads, KnownName).Sample((query, read, name) =>
        {
            var parsed = Read(query, "");
            if (parsed.Problem is not null)
            {
                return;
            }

            var reader = new ParameterReader(parsed);
            var head = name.Split('.')[0];
            try
            {
                _ = read switch
                {
                    "Required" => reader.Required(name),
                    "Optional" => reader.Optional(name),
                    "RequiredInt" => reader.RequiredInt(name),
                    "OptionalInt" => reader.OptionalInt(name),
                    "OptionalBoolean" => reader.OptionalBoolean(name),
                    _ => (object)reader.List(head),
                };
            }
            catch (RpcException e)
            {
                Assert.InRange(e.Error.HttpStatus, 200, 499);
            }
        }, iter: 3_000);
    }

    private static RpcParameters Read(string query, string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.QueryString = query.Length == 0 ? QueryString.Empty : new QueryString("?" + query);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = "application/x-www-form-urlencoded";
        return RpcParameters.ReadAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
    }
}
