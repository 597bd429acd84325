using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// Request number <c>i</c> of a run, from a generator seeded with (seed, i) alone, so one request can be rebuilt
/// from the seed and its index whatever the concurrency. First the grammar (a valid request of one family), then
/// parameter mutations applied before signing (so they reach the handlers), then wire mutations after it.
/// </summary>
public sealed class RequestGenerator(FuzzTarget target, int seed)
{
    private readonly RpcRequests _rpc = new(target);

    public RawRequest Build(long index)
    {
        var rng = new Random(unchecked((int)((seed * 1_000_003L) ^ (index * 7_919L))));
        var family = rng.Next(100);
        var request = family switch
        {
            < 55 => Rpc(rng, index),
            < 75 => ObjectRequests.Build(rng, target),
            < 90 => AdminRequests.Build(rng, target),
            _ => Misc(rng),
        };
        // Admin requests are rarely mutated on the wire: a mangled token counts as a wrong one, and ten a minute lock
        // the admin API for this address (by design), which would leave the rest of the run's admin requests at 429.
        var wireChance = family is >= 75 and < 90 ? 1 : 30;
        return rng.Next(100) < wireChance ? WireMutations.Apply(rng, request) : request;
    }

    private RawRequest Rpc(Random rng, long index)
    {
        var action = rng.Next(20) == 0 ? RpcGrammar.Pick(rng, RpcGrammar.OtherActions) : RpcGrammar.Pick(rng, RpcGrammar.Actions);
        var parameters = RpcGrammar.Parameters(action, rng, target);
        if (rng.Next(100) < 60)
        {
            ParameterMutations.Apply(rng, parameters);
        }

        var nonce = rng.NextInt64().ToString("x16", CultureInfo.InvariantCulture) + index.ToString(CultureInfo.InvariantCulture);
        var format = rng.Next(10) switch { 0 => "XML", 1 => "xml", 2 => "json", 3 => HostileValues.Pick(rng), _ => "JSON" };
        var request = rng.Next(100) switch
        {
            < 35 => _rpc.V1Get(action, parameters, nonce, format),
            < 55 => _rpc.V1Form(action, parameters, nonce, format),
            < 92 => _rpc.V3(action, parameters, nonce),
            _ => _rpc.V3(action, parameters, nonce, inBody: true),
        };
        if (rng.Next(8) == 0)
        {
            // Bytes that are not UTF-8 where the signed text has U+FFFD: the server decodes both to U+FFFD, so the
            // signature still holds and the bytes reach the parser and the handlers.
            request = request with { Target = ReplaceReplacementChar(rng, request.Target) };
        }

        return request;
    }

    private static string ReplaceReplacementChar(Random rng, string target) =>
        target.Replace("%EF%BF%BD", RpcGrammar.Pick(rng, ["%FF", "%ED%A0%80", "%C0%80", "%80", "%F4%90%80%80"]), StringComparison.Ordinal);

    private RawRequest Misc(Random rng)
    {
        var path = RpcGrammar.Pick(rng,
        [
            "/health/live", "/health/ready", "/docs/errors", "/console/", "/console/../../etc/passwd", "/favicon.ico",
            "/no/such/path", "/%", "/%2e%2e/%2e%2e/", "//", "/?Action", "/?=", "/?&&&", "/?a=%", "*",
            "http://" + target.Host + "/", "/" + new string('a', rng.Next(1, 20_000)), "/oss", "/admin-x", "/administrator",
        ]);
        var method = RpcGrammar.Pick(rng, ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "FOO"]);
        var body = method is "POST" or "PUT" ? RandomNumberGenerator.GetBytes(rng.Next(0, 300)) : [];
        return new RawRequest("misc", method, path, [new("Host", target.Host)], body);
    }

    /// <summary>A deterministic body of <paramref name="length"/> bytes for uploads.</summary>
    public static byte[] Bytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    public static string Md5(byte[] body) => Convert.ToBase64String(MD5.HashData(body));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
