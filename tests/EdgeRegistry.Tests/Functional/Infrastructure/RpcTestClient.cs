using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>How to build one V1 request; the defaults are a well-formed signed POST asking for JSON.</summary>
public sealed record V1Options
{
    public string Method { get; init; } = "POST";

    /// <summary>The Format parameter; null: not sent at all.</summary>
    public string? Format { get; init; } = "JSON";

    public string? Nonce { get; init; }

    /// <summary>The time to sign with; default: the server's clock now.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Parameters (common or business) replaced, or removed when the value is null, before signing.</summary>
    public IReadOnlyDictionary<string, string?>? Set { get; init; }

    /// <summary>Sent as the Signature instead of the computed one.</summary>
    public string? Signature { get; init; }

    public string? SigningSecret { get; init; }

    /// <summary>Sends no Signature parameter at all.</summary>
    public bool OmitSignature { get; init; }

    /// <summary>For a POST: the parameters that go in the URL query (signed); the rest go in the form body.</summary>
    public IReadOnlyCollection<string>? InQuery { get; init; }

    /// <summary>Added to the URL query after signing.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? UnsignedQuery { get; init; }
}

/// <summary>How to build one V3 request (<c>POST /?query</c>); the defaults are what the Tea clients send.</summary>
public sealed record V3Options
{
    public string? Nonce { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The body signed (and sent, unless <see cref="SentBody"/> is set).</summary>
    public byte[]? Body { get; init; }

    /// <summary>The Content-Type sent; default: the signed one, if <see cref="SignedHeaders"/> has it.</summary>
    public string? BodyContentType { get; init; }

    /// <summary>Sent instead of the signed body.</summary>
    public byte[]? SentBody { get; init; }

    /// <summary>More headers, sent and signed.</summary>
    public IReadOnlyDictionary<string, string>? SignedHeaders { get; init; }

    /// <summary>More headers, sent but left out of SignedHeaders.</summary>
    public IReadOnlyDictionary<string, string>? UnsignedHeaders { get; init; }

    /// <summary>Standard headers (such as <c>x-acs-date</c>) neither signed nor sent.</summary>
    public IReadOnlyCollection<string>? Omit { get; init; }

    public string? SigningSecret { get; init; }

    /// <summary>Sent as the Authorization header instead of the computed one.</summary>
    public string? Authorization { get; init; }
}

/// <summary>
/// Signs requests the way the official clients do and sends them over real HTTP. Every answer is checked for what
/// must hold of all of them: a request id header that is an upper-case UUID and equals the body's RequestId, and
/// no trace of the secret.
/// </summary>
public sealed partial class RpcTestClient(HttpClient http, TimeProvider time, string accessKeyId, string secret)
{
    public HttpClient Http => http;

    public string AccessKeyId => accessKeyId;

    /// <summary>The Host header HttpClient sends, which V3 signs.</summary>
    public string Host => http.BaseAddress!.Authority;

    public static string NewNonce() => Guid.NewGuid().ToString("N");

    /// <summary>A V1 POST (form body) asking for JSON: what most tests need.</summary>
    public Task<RpcResponse> CallAsync(string action, params (string Name, string Value)[] parameters) =>
        V1Async(action, parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));

    public Task<RpcResponse> V1Async(string action, IEnumerable<KeyValuePair<string, string>> parameters, V1Options? options = null)
    {
        options ??= new V1Options();
        var all = SignV1(action, parameters, options);
        var inQuery = options.Method == "GET" ? all : all.Where(p => options.InQuery?.Contains(p.Key) == true).ToList();
        var inBody = options.Method == "GET" ? [] : all.Where(p => options.InQuery?.Contains(p.Key) != true).ToList();
        var query = Encode([.. inQuery, .. options.UnsignedQuery ?? []]);
        var request = new HttpRequestMessage(new HttpMethod(options.Method), new Uri("/" + (query.Length > 0 ? "?" + query : ""), UriKind.Relative));
        if (options.Method != "GET")
        {
            request.Content = new StringContent(Encode(inBody), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "UTF-8" };
        }

        return SendAsync(request);
    }

    /// <summary>Every parameter of a V1 request as it will be sent, Signature last (deterministic for a given nonce and time).</summary>
    public List<KeyValuePair<string, string>> SignV1(string action, IEnumerable<KeyValuePair<string, string>> parameters, V1Options options)
    {
        var nonce = options.Nonce ?? NewNonce();
        var timestamp = options.Timestamp ?? time.GetUtcNow();
        List<KeyValuePair<string, string>> all;
        if (options is { Format: not null, Set: null, Signature: null, SigningSecret: null, OmitSignature: false })
        {
            // The plain case goes through the client library exactly as a caller would use it.
            var signed = new SignedRequestBuilder(accessKeyId, secret).SignV1(options.Method, action, parameters, nonce, timestamp, options.Format);
            all = DecodeForm(signed);
        }
        else
        {
            all = [.. parameters];
            all.Add(new("Action", action));
            all.Add(new("Version", SignedRequestBuilder.ApiVersion));
            if (options.Format is not null)
            {
                all.Add(new("Format", options.Format));
            }

            all.Add(new("AccessKeyId", accessKeyId));
            all.Add(new("SignatureMethod", V1Signature.Method));
            all.Add(new("SignatureVersion", V1Signature.Version));
            all.Add(new("SignatureNonce", nonce));
            all.Add(new("Timestamp", SignedRequestBuilder.FormatTimestamp(timestamp)));
            foreach (var (name, value) in options.Set ?? new Dictionary<string, string?>())
            {
                var at = all.FindIndex(p => p.Key == name);
                if (value is null)
                {
                    all.RemoveAll(p => p.Key == name);
                }
                else if (at >= 0)
                {
                    all[at] = new(name, value);
                }
                else
                {
                    all.Add(new(name, value));
                }
            }

            var signature = options.Signature ?? V1Signature.Sign(V1Signature.StringToSign(options.Method, all), options.SigningSecret ?? secret);
            if (!options.OmitSignature)
            {
                all.Add(new("Signature", signature));
            }
        }

        return all;
    }

    public Task<RpcResponse> V3Async(string action, IEnumerable<KeyValuePair<string, string>> query, V3Options? options = null)
    {
        options ??= new V3Options();
        var queryList = query.ToList();
        var headers = SignV3(action, queryList, options);
        var encoded = Encode(queryList);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/" + (encoded.Length > 0 ? "?" + encoded : ""), UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            if (name == "host")
            {
                Assert.Equal(Host, value);
                continue;
            }

            if (name == "content-type")
            {
                continue; // a content header: sent with the body below
            }

            var sent = name == "authorization" && options.Authorization is not null ? options.Authorization : value;
            Assert.True(request.Headers.TryAddWithoutValidation(name, sent));
        }

        foreach (var (name, value) in options.UnsignedHeaders ?? new Dictionary<string, string>())
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value));
        }

        request.Content = new ByteArrayContent(options.SentBody ?? options.Body ?? []);
        if ((options.BodyContentType ?? headers.GetValueOrDefault("content-type")) is { } contentType)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return SendAsync(request);
    }

    /// <summary>The headers of a V3 request, <c>host</c> and <c>authorization</c> included (deterministic for a given nonce and time).</summary>
    public IReadOnlyDictionary<string, string> SignV3(string action, IReadOnlyList<KeyValuePair<string, string>> queryList, V3Options options)
    {
        var nonce = options.Nonce ?? NewNonce();
        var timestamp = options.Timestamp ?? time.GetUtcNow();
        var body = options.Body ?? [];
        IReadOnlyDictionary<string, string> headers;
        if (options is { SignedHeaders: null, Omit: null, SigningSecret: null })
        {
            headers = new SignedRequestBuilder(accessKeyId, secret).SignV3("POST", Host, action, queryList, nonce, timestamp, body);
        }
        else
        {
            var signedHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["host"] = Host,
                ["x-acs-action"] = action,
                ["x-acs-version"] = SignedRequestBuilder.ApiVersion,
                ["x-acs-date"] = SignedRequestBuilder.FormatTimestamp(timestamp),
                ["x-acs-signature-nonce"] = nonce,
                ["x-acs-content-sha256"] = V3Signature.HexSha256(body),
            };
            foreach (var (name, value) in options.SignedHeaders ?? new Dictionary<string, string>())
            {
                signedHeaders[name] = value;
            }

            foreach (var name in options.Omit ?? [])
            {
                signedHeaders.Remove(name);
            }

            var names = signedHeaders.Keys.ToArray();
            var canonical = V3Signature.CanonicalRequest("POST", "/", queryList, signedHeaders.GetValueOrDefault, names,
                V3Signature.HexSha256(body));
            var signature = V3Signature.Sign(V3Signature.StringToSign(canonical), options.SigningSecret ?? secret);
            headers = new Dictionary<string, string>(signedHeaders)
            {
                ["authorization"] = new V3Authorization(accessKeyId, names, signature).ToString(),
            };
        }

        return headers;
    }

    /// <summary>Sends any request and applies the checks every RPC answer must pass.</summary>
    public async Task<RpcResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var answer = await http.SendAsync(request))
        {
            // The raw header text, read before anything parses it: a parsed ContentType reads "a; charset=b".
            var headers = answer.Headers.NonValidated.Concat(answer.Content.Headers.NonValidated)
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value), StringComparer.Ordinal);
            var body = Encoding.UTF8.GetString(await answer.Content.ReadAsByteArrayAsync());
            var response = new RpcResponse(answer.StatusCode, headers, headers.GetValueOrDefault("content-type"), body);
            CheckInvariants(response);
            return response;
        }
    }

    private void CheckInvariants(RpcResponse response)
    {
        Assert.DoesNotContain(secret, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.Values, v => v.Contains(secret, StringComparison.Ordinal));
        var requestId = response.RequestIdHeader;
        Assert.True(requestId is not null, $"The answer has no x-acs-request-id header: {response}");
        Assert.Matches(UpperCaseUuid(), requestId);
        if (response.Json is not null || response.Xml is not null)
        {
            Assert.Equal(requestId, response.Field("RequestId"));
        }
    }

    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));

    public static List<KeyValuePair<string, string>> DecodeForm(string encoded) =>
        [.. encoded.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            return new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..eq]), Uri.UnescapeDataString(pair[(eq + 1)..]));
        })];

    [GeneratedRegex("^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")]
    public static partial Regex UpperCaseUuid();
}
