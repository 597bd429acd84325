using System.Security.Cryptography;
using System.Text;
using EdgeRegistry.Accounts;
using EdgeRegistry.Hosting;

namespace EdgeRegistry.Admin;

/// <summary>
/// The operator token of the admin API: <c>EDGEREG_ADMIN_TOKEN</c> when set; otherwise one generated on the first
/// start, saved to <c>&lt;data-dir&gt;/admin-token</c> (mode 0600) and printed once. Only its SHA-256 is stored in the
/// database, so replicas sharing it accept the same token and a copy of the database does not reveal it.
/// </summary>
public sealed class AdminToken(IAccountStore accounts, ServerSettings settings)
{
    public const string FileName = "admin-token";
    private const string HashSetting = "admin-token-sha256";

    private byte[] _hash = [];

    /// <summary>Loads the token's hash, generating the token first if there is none; returns a new token to announce, or null.</summary>
    public async Task<string?> InitializeAsync(CancellationToken cancellationToken)
    {
        if (settings.AdminToken is { } configured)
        {
            _hash = Hash(configured);
            return null;
        }

        var candidate = "edgereg_" + RandomNumberGenerator.GetHexString(40, lowercase: true);
        var stored = await accounts.GetOrAddSettingAsync(HashSetting, Convert.ToHexStringLower(Hash(candidate)), cancellationToken);
        _hash = Convert.FromHexString(stored);
        if (!CryptographicOperations.FixedTimeEquals(_hash, Hash(candidate)))
        {
            return null;
        }

        if (!settings.InMemory)
        {
            PrivateFile.Write(Path.Combine(settings.DataDir, FileName), candidate + "\n");
        }

        return candidate;
    }

    /// <summary>True for <c>Authorization: Bearer &lt;token&gt;</c> with the operator token; compared in constant time.</summary>
    public bool Accepts(string? authorization) =>
        authorization is { Length: > 7 } && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && _hash.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(_hash, Hash(authorization[7..].Trim()));

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
