namespace EdgeRegistry.Signing;

/// <summary>
/// The parsed <c>Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=hex</c> header.
/// </summary>
public sealed record V3Authorization(string AccessKeyId, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>Parses the header; on failure <paramref name="error"/> says what is wrong, for an IncompleteSignature message.</summary>
    public static bool TryParse(string header, out V3Authorization? authorization, out string error)
    {
        authorization = null;
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? header : header[..space];
        if (algorithm != Algorithm)
        {
            error = $"The signature algorithm \"{algorithm}\" is not supported; use {Algorithm}.";
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[(space + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        error = (credential, signedHeaders, signature) switch
        {
            (null or "", _, _) => "The Authorization header has no Credential.",
            (_, null or "", _) => "The Authorization header has no SignedHeaders.",
            (_, _, null or "") => "The Authorization header has no Signature.",
            _ => "",
        };
        if (error.Length > 0)
        {
            return false;
        }

        var names = signedHeaders!.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Trim().ToLowerInvariant())
            .ToArray();
        authorization = new V3Authorization(credential!, names, signature!);
        return true;
    }

    public override string ToString() =>
        $"{Algorithm} Credential={AccessKeyId},SignedHeaders={string.Join(';', SignedHeaders)},Signature={Signature}";
}
