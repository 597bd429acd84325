using EdgeRegistry.Accounts;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>What every <see cref="IAccountStore"/> must do: accounts, AccessKeys as the request path reads them, settings.</summary>
public abstract class AccountStoreContract<TEngine> : StoreContract<TEngine> where TEngine : IStoreEngine, new()
{
    private IAccountStore Accounts => Engine.Accounts;

    [Fact]
    public async Task The_default_account_is_found_once_created()
    {
        Assert.Null(await Accounts.FindDefaultAccountAsync(None));
        await Accounts.CreateAccountAsync("1000000000000002", "other", isDefault: false, None);
        Assert.Null(await Accounts.FindDefaultAccountAsync(None));
        await Accounts.CreateAccountAsync("1000000000000001", "root", isDefault: true, None);
        Assert.Equal("1000000000000001", await Accounts.FindDefaultAccountAsync(None));
    }

    [Fact]
    public async Task A_key_is_put_found_and_its_secret_replaced()
    {
        await Accounts.CreateAccountAsync("1000000000000001", "root", isDefault: true, None);
        Assert.Null(await Accounts.FindAccessKeyAsync("LTAIcontract", None));
        await Accounts.PutAccessKeyAsync(new StoredAccessKey("LTAIcontract", "1000000000000001", [1, 2, 3], Enabled: true), None);
        await Accounts.PutAccessKeyAsync(new StoredAccessKey("LTAIcontract", "1000000000000001", [4, 5], Enabled: true), None);

        var found = await Accounts.FindAccessKeyAsync("LTAIcontract", None);
        Assert.NotNull(found);
        Assert.Equal(("LTAIcontract", "1000000000000001", true, (string?)null), (found.AccessKeyId, found.AccountId, found.Enabled, found.UserName));
        Assert.Equal([4, 5], found.SecretCiphertext);
        Assert.Null(await Accounts.FindAccessKeyAsync("ltaicontract", None));
    }

    [Fact]
    public async Task Instances_exist_only_in_their_own_account()
    {
        await Accounts.CreateAccountAsync("1000000000000001", "a", isDefault: true, None);
        await Accounts.CreateAccountAsync("1000000000000002", "b", isDefault: false, None);
        Assert.Equal(AdminOutcome.Ok, await Engine.Admin.CreateInstanceAsync("1000000000000001", "iot-0000aaaa", None));

        Assert.True(await Accounts.InstanceExistsAsync("1000000000000001", "iot-0000aaaa", None));
        Assert.False(await Accounts.InstanceExistsAsync("1000000000000002", "iot-0000aaaa", None));
        Assert.False(await Accounts.InstanceExistsAsync("1000000000000001", "iot-0000bbbb", None));
    }

    [Fact]
    public async Task The_first_value_of_a_setting_wins_even_when_raced()
    {
        var winners = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => Accounts.GetOrAddSettingAsync("link-signing-key", $"candidate-{i}", None))));

        Assert.Single(winners.Distinct());
        Assert.Equal(winners[0], await Accounts.GetOrAddSettingAsync("link-signing-key", "late", None));
        Assert.Equal("other", await Accounts.GetOrAddSettingAsync("another", "other", None));
    }
}
