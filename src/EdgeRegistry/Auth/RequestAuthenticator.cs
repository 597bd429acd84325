using System.Globalization;
using EdgeRegistry.Rpc;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Auth;

/// <summary>Who signed a request: the account it acts for, the key it used, and the RAM user owning that key (null: root).</summary>
public sealed record Caller(string AccountId, string AccessKeyId, string? UserName = null);

/// <summary>
/// Authenticates a request whose Action and Version are already known, in the order that costs least for a
/// bad request: common parameters present → timestamp window → key → signature → nonce. The nonce is recorded
/// only once the signature holds, so nobody can burn another caller's nonces.
/// </summary>
public sealed class RequestAuthenticator(IAccessKeyResolver keys, INonceStore nonces, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static readonly string[] V1Required = ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"];
    private static readonly string[] V3Required = ["x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

    public async Task<Caller> AuthenticateAsync(HttpRequest request, RpcParameters parameters, SignedRequest signed, CancellationToken cancellationToken)
    {
        RequireCommonParameters(request, parameters, signed);
        var timestamp = ParseTimestamp(signed.Timestamp!, signed.Scheme == SignatureScheme.V1 ? "Timestamp" : "x-acs-date");
        if ((time.GetUtcNow() - timestamp).Duration() > Window)
        {
            throw RpcErrors.TimestampExpired();
        }

        if (!string.IsNullOrEmpty(signed.SecurityToken))
        {
            throw RpcErrors.InvalidSecurityToken();
        }

        var key = await keys.FindAsync(signed.AccessKeyId!, cancellationToken) ?? throw RpcErrors.AccessKeyNotFound();
        if (!key.Enabled)
        {
            throw RpcErrors.AccessKeyInactive();
        }

        if (signed.Scheme == SignatureScheme.V1)
        {
            VerifyV1(request, parameters, key.Secret);
        }
        else
        {
            VerifyV3(request, parameters, signed.Authorization!, key.Secret);
        }

        if (!await nonces.TryUseAsync(key.AccessKeyId, signed.Nonce!, timestamp + Window, cancellationToken))
        {
            throw RpcErrors.NonceUsed();
        }

        return new Caller(key.AccountId, key.AccessKeyId, key.UserName);
    }

    private static void RequireCommonParameters(HttpRequest request, RpcParameters parameters, SignedRequest signed)
    {
        if (signed.Scheme == SignatureScheme.V1)
        {
            foreach (var name in V1Required)
            {
                if (string.IsNullOrEmpty(parameters[name]))
                {
                    throw RpcErrors.MissingParameter(name);
                }
            }

            if (parameters["SignatureMethod"] != V1Signature.Method)
            {
                throw RpcErrors.IncompleteSignature($"SignatureMethod \"{parameters["SignatureMethod"]}\" is not supported; use {V1Signature.Method}.");
            }

            if (parameters["SignatureVersion"] != V1Signature.Version)
            {
                throw RpcErrors.IncompleteSignature($"SignatureVersion \"{parameters["SignatureVersion"]}\" is not supported; use {V1Signature.Version}.");
            }

            return;
        }

        foreach (var name in V3Required)
        {
            if (string.IsNullOrEmpty(request.Headers[name]))
            {
                throw RpcErrors.MissingParameter(name);
            }
        }
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>, as every official client sends it; fractions of a second are tolerated.</summary>
    private static DateTimeOffset ParseTimestamp(string value, string name) =>
        DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw RpcErrors.TimestampFormat(name);

    private static void VerifyV1(HttpRequest request, RpcParameters parameters, string secret)
    {
        var stringToSign = V1Signature.StringToSign(request.Method, parameters.All);
        if (!V1Signature.Matches(parameters["Signature"]!, V1Signature.Sign(stringToSign, secret)))
        {
            throw RpcErrors.SignatureDoesNotMatch(stringToSign);
        }
    }

    private static void VerifyV3(HttpRequest request, RpcParameters parameters, V3Authorization authorization, string secret)
    {
        var signed = authorization.SignedHeaders;
        if (!signed.Contains("host"))
        {
            throw RpcErrors.IncompleteSignature("SignedHeaders must include host.");
        }

        foreach (var header in request.Headers.Keys)
        {
            if (header.StartsWith("x-acs-", StringComparison.OrdinalIgnoreCase) && !signed.Contains(header.ToLowerInvariant()))
            {
                throw RpcErrors.IncompleteSignature($"SignedHeaders must include every x-acs-* header sent; {header.ToLowerInvariant()} is missing.");
            }
        }

        // x-acs-content-sha256 pins the body's bytes, but Content-Type decides whether they are read as parameters:
        // left unsigned, it could be changed to drop a form body's parameters under the same signature.
        if (parameters.Body.Length > 0 && !signed.Contains("content-type"))
        {
            throw RpcErrors.IncompleteSignature("SignedHeaders must include content-type when the request has a body.");
        }

        var declaredHash = request.Headers["x-acs-content-sha256"].ToString();
        if (!string.Equals(declaredHash, V3Signature.HexSha256(parameters.Body), StringComparison.OrdinalIgnoreCase))
        {
            throw RpcErrors.IncompleteSignature("x-acs-content-sha256 does not match the SHA-256 of the request body.");
        }

        var canonical = V3Signature.CanonicalRequest(request.Method, "/", parameters.Query,
            name => name == "host" ? request.Host.Value : request.Headers[name] is { Count: > 0 } v ? v.ToString() : null,
            signed, declaredHash.ToLowerInvariant());
        var stringToSign = V3Signature.StringToSign(canonical);
        if (!V3Signature.Matches(authorization.Signature, V3Signature.Sign(stringToSign, secret)))
        {
            throw RpcErrors.SignatureDoesNotMatch(stringToSign);
        }
    }
}
