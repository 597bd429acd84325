using System.Globalization;
using System.Text;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// Mutations after signing: odd, duplicate, missing or huge headers, bad percent-encoding, other methods (the
/// request keeps its framing), and byte flips, insertions, truncation and lying lengths (it may not; the sender then
/// half-closes so the server sees the end of input).
/// </summary>
public static class WireMutations
{
    private static readonly (string Name, string Value)[] OddHeaders =
    [
        ("Content-Type", "text/html"), ("Content-Type", "application/x-www-form-urlencoded; charset=latin1"),
        ("Content-Type", "multipart/form-data; boundary=x"), ("Content-Type", "\u007f"), ("Content-Type", ""),
        ("Expect", "100-continue"), ("Expect", "banana"), ("Accept", "application/xml"), ("Accept-Encoding", "gzip, br"),
        ("Authorization", "ACS3-HMAC-SHA256 Credential=,SignedHeaders=,Signature="), ("Authorization", "Bearer"),
        ("Authorization", "ACS3-HMAC-SHA256"), ("x-acs-date", "yesterday"), ("x-acs-content-sha256", "00"),
        ("x-acs-signature-nonce", ""), ("Range", "bytes=0-0"), ("If-None-Match", "*"), ("Host", "evil.example"),
        ("Transfer-Encoding", "identity"), ("X-Forwarded-For", "1.2.3.4, \u00ff"), ("Cookie", "a=b; ; ="),
        ("Content-Encoding", "gzip"), ("Upgrade", "h2c"), ("Connection", "keep-alive, Upgrade"),
    ];

    public static RawRequest Apply(Random rng, RawRequest request) => rng.Next(10) switch
    {
        0 => request with { Mutated = true, Method = RpcGrammar.Pick(rng, ["GET", "POST", "PUT", "HEAD", "DELETE", "PATCH", "OPTIONS", "get", "POSTX", "PRI"]) },
        1 => request with { Mutated = true, Target = BadPercent(rng, request.Target) },
        2 or 3 => WithHeader(request, rng),
        4 => request with { Mutated = true, Headers = [.. request.Headers.Where((_, i) => i != rng.Next(Math.Max(1, request.Headers.Count)))] },
        5 => Chunked(rng, request),
        6 => Wire(request, Flip(rng, request.ToBytes())),
        7 => Wire(request, Truncate(rng, request.ToBytes())),
        8 => LyingLength(rng, request),
        _ => Wire(request, Insert(rng, request.ToBytes())),
    };

    private static RawRequest Wire(RawRequest request, byte[] bytes) => request with { Mutated = true, Wire = bytes };

    private static string BadPercent(Random rng, string target)
    {
        var bad = RpcGrammar.Pick(rng, ["%", "%4", "%zz", "%%", "%00", "%0d%0a", "%ff%fe", "%u0041", "%2", "+%2B+", "%C3%28"]);
        var at = target.Length == 0 ? 0 : rng.Next(target.Length);
        return target[..at] + bad + target[at..];
    }

    private static RawRequest WithHeader(RawRequest request, Random rng)
    {
        var (name, value) = rng.Next(5) switch
        {
            0 => ("X-Big", new string('h', rng.Next(4_000, 70_000))),
            1 => (HostileValues.Junk(rng, 6).Replace(":", "", StringComparison.Ordinal), "v"),
            2 => request.Headers.Count > 0 ? (request.Headers[0].Key, request.Headers[0].Value) : ("Host", "x"),
            _ => OddHeaders[rng.Next(OddHeaders.Length)],
        };
        return request with { Mutated = true, Headers = [.. request.Headers, new(name, value)] };
    }

    private static RawRequest Chunked(Random rng, RawRequest request)
    {
        var body = request.Body;
        var chunked = new StringBuilder();
        var good = rng.Next(2) == 0;
        chunked.Append(body.Length.ToString("x", CultureInfo.InvariantCulture)).Append("\r\n").Append(Encoding.Latin1.GetString(body)).Append("\r\n");
        chunked.Append(good ? "0\r\n\r\n" : RpcGrammar.Pick(rng, ["zz\r\n", "ffffffffffffffff\r\n", "5\r\nab\r\n", "0\r\nX: y"]));
        var mutated = request with
        {
            Mutated = true,
            Headers = [.. request.Headers, new("Transfer-Encoding", "chunked")],
            Body = Encoding.Latin1.GetBytes(chunked.ToString()),
        };
        return good ? mutated : Wire(mutated, mutated.ToBytes());
    }

    private static RawRequest LyingLength(Random rng, RawRequest request)
    {
        var length = request.Body.Length + RpcGrammar.Pick(rng, ["-1", "1", "1000", "-5"]) switch { var d => int.Parse(d, CultureInfo.InvariantCulture) };
        var value = rng.Next(4) == 0 ? RpcGrammar.Pick(rng, ["-1", "abc", "1, 2", "99999999999999999999", " 0"]) : Math.Max(0, length).ToString(CultureInfo.InvariantCulture);
        var mutated = request with { Mutated = true, Headers = [.. request.Headers, new("Content-Length", value)] };
        return Wire(mutated, mutated.ToBytes());
    }

    private static byte[] Flip(Random rng, byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var n = rng.Next(1, 6); n > 0 && copy.Length > 0; n--)
        {
            copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
        }

        return copy;
    }

    private static byte[] Truncate(Random rng, byte[] bytes) => bytes[..rng.Next(bytes.Length + 1)];

    private static byte[] Insert(Random rng, byte[] bytes)
    {
        var at = rng.Next(bytes.Length + 1);
        byte[] junk = RpcGrammar.Pick(rng, ["\r\n", "\0", "\r", "\n\n", " ", "\t", "\x7f", "\xff\xfe"]) switch { var s => Encoding.Latin1.GetBytes(s) };
        return [.. bytes[..at], .. junk, .. bytes[at..]];
    }
}
