using System.Text.Json;
using EdgeRegistry.Accounts;

namespace EdgeRegistry.Hosting;

/// <summary>
/// On first start, creates the default (root) account and one AccessKey pair, prints the pair once and saves it to
/// <c>&lt;data-dir&gt;/root-credentials.json</c> (mode 0600). With <c>EDGEREG_ROOT_ACCESS_KEY_ID</c> and
/// <c>EDGEREG_ROOT_ACCESS_KEY_SECRET</c> set, that pair is made the root account's key at every start instead.
/// </summary>
public sealed class RootAccountBootstrap(IAccountStore accounts, SecretProtector protector, ServerSettings settings, StartupBanner banner, ILogger<RootAccountBootstrap> log)
{
    public const string CredentialsFile = "root-credentials.json";
    private const string KeyCheckSetting = "master-key-check";
    private const string KeyCheckText = "edgereg";

    public async Task RunAsync(string endpoint, CancellationToken cancellationToken)
    {
        await CheckMasterKeyAsync(cancellationToken);
        var accountId = await accounts.FindDefaultAccountAsync(cancellationToken);
        var firstStart = accountId is null;
        if (firstStart)
        {
            accountId = AccessKeyGenerator.NewAccountId();
            await accounts.CreateAccountAsync(accountId, "default", isDefault: true, cancellationToken);
            log.LogInformation("Created the default account {AccountId}", accountId);
        }

        var (id, secret) = (settings.RootAccessKeyId, settings.RootAccessKeySecret);
        if (id is not null && secret is not null)
        {
            await accounts.PutAccessKeyAsync(new StoredAccessKey(id, accountId!, protector.Encrypt(secret), Enabled: true), cancellationToken);
            log.LogInformation("Root AccessKey {AccessKeyId} taken from the configuration", id);
            return;
        }

        if (!firstStart)
        {
            return;
        }

        (id, secret) = (AccessKeyGenerator.NewAccessKeyId(), AccessKeyGenerator.NewSecret());
        await accounts.PutAccessKeyAsync(new StoredAccessKey(id, accountId!, protector.Encrypt(secret), Enabled: true), cancellationToken);
        Announce(accountId!, id, secret, endpoint);
    }

    /// <summary>Printed once (see <see cref="StartupBanner"/>), never through the logger, so the secret reaches no log sink.</summary>
    private void Announce(string accountId, string id, string secret, string endpoint)
    {
        var saved = "";
        if (!settings.InMemory)
        {
            var path = Path.Combine(settings.DataDir, CredentialsFile);
            var json = JsonSerializer.Serialize(new { AccountId = accountId, AccessKeyId = id, AccessKeySecret = secret, Endpoint = endpoint },
                new JsonSerializerOptions { WriteIndented = true });
            PrivateFile.Write(path, json + "\n");
            saved = $"\n  Saved to {Path.GetFullPath(path)} (readable only by you).";
        }

        banner.Write(
            $"""

            EdgeRegistry created the root account {accountId}. Its AccessKey pair (shown only this once):
              AccessKeyId:     {id}
              AccessKeySecret: {secret}{saved}

            """);
    }

    /// <summary>Fails start-up, instead of every request, when the master key is not the one the secrets were sealed with.</summary>
    private async Task CheckMasterKeyAsync(CancellationToken cancellationToken)
    {
        // The first replica to start stores the check; every later start (and replica) must open it.
        var check = await accounts.GetOrAddSettingAsync(KeyCheckSetting, Convert.ToBase64String(protector.Encrypt(KeyCheckText)), cancellationToken);
        try
        {
            protector.Decrypt(Convert.FromBase64String(check));
        }
        catch (System.Security.Cryptography.AuthenticationTagMismatchException)
        {
            throw new InvalidOperationException(
                $"The master key does not open the secrets in this database: set {MasterKey.EnvironmentVariable} or restore {MasterKey.FileName} in the data dir.");
        }
    }
}
