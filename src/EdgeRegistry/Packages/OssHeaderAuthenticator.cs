using EdgeRegistry.Accounts;
using EdgeRegistry.Auth;

namespace EdgeRegistry.Packages;

/// <summary>Who a header-signed object request acts for, or the OSS error that refuses it.</summary>
public sealed record HeaderAuthentication(string? AccountId, IResult? Refusal);

/// <summary>
/// Reading an object with the account's own AccessKey instead of a presigned link, as an OSS bucket owner does
/// (<c>Authorization: OSS id:signature</c>, see <see cref="OssHeaderSignature"/>): the only way to read a default
/// config no operation hands a link out for. Checked in the order that costs least: header shape, date window, key,
/// signature, RAM permission. Ownership is the caller's to check once it has the object: a foreign object must
/// answer exactly like a missing one. There is no nonce (OSS has none): a captured header reads the same object again
/// until its date leaves the window, which is why it is never accepted for a write.
/// </summary>
public sealed class OssHeaderAuthenticator(IAccessKeyResolver keys, AccessPolicies policies, TimeProvider time)
{
    /// <summary>A RAM user may read objects when a policy lets it read versions (either action).</summary>
    public static readonly string[] ReadActions = ["GetEdgeDriverVersion", "QueryEdgeDriverVersion"];

    public static bool IsHeaderSigned(HttpRequest request) =>
        request.Headers.Authorization is { Count: > 0 } && string.IsNullOrEmpty(request.Query["Signature"]);

    public async Task<HeaderAuthentication> AuthenticateAsync(HttpContext http, string objectKey, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (OssHeaderSignature.Parse(request.Headers.Authorization.ToString()) is not var (accessKeyId, signature))
        {
            return Refuse(http, 400, "InvalidArgument", "Authorization header is invalid: expected \"OSS AccessKeyId:Signature\" (the V1 header signature).");
        }

        var date = request.Headers[OssHeaderSignature.DateHeader] is { Count: > 0 } ossDate ? ossDate.ToString() : request.Headers.Date.ToString();
        if (string.IsNullOrEmpty(date) || !OssHeaderSignature.TryParseDate(date, out var at))
        {
            return Refuse(http, 403, "AccessDenied", "Date or x-oss-date must be sent, in GMT (e.g. \"Sun, 22 Nov 2015 08:16:38 GMT\").");
        }

        if ((time.GetUtcNow() - at).Duration() > RequestAuthenticator.Window)
        {
            return Refuse(http, 403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large (more than 15 minutes).");
        }

        if (await keys.FindAsync(accessKeyId, cancellationToken) is not { Enabled: true } key)
        {
            return Refuse(http, 403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records, or is disabled.");
        }

        var stringToSign = OssHeaderSignature.StringToSign(request.Method, request.Headers.ContentMD5.ToString(), request.Headers.ContentType.ToString(), date,
            request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())), objectKey);
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(OssHeaderSignature.Sign(stringToSign, key.Secret)), System.Text.Encoding.ASCII.GetBytes(signature)))
        {
            // OSS puts its string to sign in the error so a client can see where it differs; it holds no secret.
            return Refuse(http, 403, "SignatureDoesNotMatch",
                $"The request signature we calculated does not match the signature you provided. Check your key and signing method. StringToSign: {stringToSign.Replace("\n", "\\n", StringComparison.Ordinal)}");
        }

        if (key.UserName is { } user && !await AllowsAnyAsync(key.AccountId, user, cancellationToken))
        {
            return Refuse(http, 403, "AccessDenied", "The RAM user may not read driver objects: a policy must allow iot:GetEdgeDriverVersion or iot:QueryEdgeDriverVersion.");
        }

        return new HeaderAuthentication(key.AccountId, null);
    }

    private async Task<bool> AllowsAnyAsync(string accountId, string user, CancellationToken cancellationToken)
    {
        foreach (var action in ReadActions)
        {
            if (await policies.AllowsAsync(accountId, user, action, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static HeaderAuthentication Refuse(HttpContext http, int status, string code, string message) => new(null, OssErrors.Write(http, status, code, message));
}
