using EdgeRegistry.Rpc;
using EdgeRegistry.Signing;

namespace EdgeRegistry.Auth;

public enum SignatureScheme
{
    V1,
    V3,
}

/// <summary>
/// The common parts of a request, wherever its scheme keeps them: V1 in parameters, V3 in <c>x-acs-*</c> headers.
/// Only presence is checked here; values are judged by <see cref="RequestAuthenticator"/>.
/// </summary>
public sealed record SignedRequest(
    SignatureScheme Scheme,
    string? Action,
    string? Version,
    string? AccessKeyId,
    string? Nonce,
    string? Timestamp,
    string? SecurityToken,
    V3Authorization? Authorization)
{
    public static SignatureScheme SchemeOf(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("ACS3-", StringComparison.Ordinal) ? SignatureScheme.V3 : SignatureScheme.V1;

    /// <summary>
    /// The format to answer in: V1 reads <c>Format</c> (default XML), V3 answers JSON unless the query asks for XML.
    /// An unknown value is reported in <paramref name="invalid"/> and the scheme's default is returned to answer it in.
    /// </summary>
    public static WireFormat DetectFormat(HttpRequest request, RpcParameters parameters, out RpcException? invalid)
    {
        var v3 = SchemeOf(request) == SignatureScheme.V3;
        var fallback = v3 ? WireFormat.Json : WireFormat.Xml;
        var value = v3 ? parameters.Query.FirstOrDefault(p => p.Key == "Format").Value : parameters["Format"];
        invalid = null;
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (value.Equals("JSON", StringComparison.OrdinalIgnoreCase))
        {
            return WireFormat.Json;
        }

        if (value.Equals("XML", StringComparison.OrdinalIgnoreCase))
        {
            return WireFormat.Xml;
        }

        invalid = RpcErrors.InvalidFormat(value);
        return fallback;
    }

    public static SignedRequest From(HttpRequest request, RpcParameters parameters) =>
        SchemeOf(request) == SignatureScheme.V3 ? FromV3(request) : FromV1(parameters);

    private static SignedRequest FromV1(RpcParameters parameters) => new(
        SignatureScheme.V1,
        parameters["Action"],
        parameters["Version"],
        parameters["AccessKeyId"],
        parameters["SignatureNonce"],
        parameters["Timestamp"],
        parameters["SecurityToken"],
        null);

    private static SignedRequest FromV3(HttpRequest request)
    {
        if (!V3Authorization.TryParse(request.Headers.Authorization.ToString(), out var authorization, out var problem))
        {
            throw RpcErrors.IncompleteSignature(problem);
        }

        string? Header(string name) => request.Headers[name] is { Count: > 0 } v ? v.ToString() : null;
        return new SignedRequest(
            SignatureScheme.V3,
            Header("x-acs-action"),
            Header("x-acs-version"),
            authorization!.AccessKeyId,
            Header("x-acs-signature-nonce"),
            Header("x-acs-date"),
            Header("x-acs-security-token"),
            authorization);
    }
}
