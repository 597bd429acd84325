using EdgeRegistry.Accounts;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>What every <see cref="IAdminStore"/> must do: keys, RAM users, policies, instances and quota overrides, per account.</summary>
public abstract class AdminStoreContract<TEngine> : StoreContract<TEngine> where TEngine : IStoreEngine, new()
{
    private const string A = "1000000000000001";
    private const string B = "1000000000000002";
    private const string Missing = "1000000000000009";
    private const string Policy = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Query*\"],\"Resource\":[\"*\"]}]}";

    private IAdminStore Admin => Engine.Admin;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.Accounts.CreateAccountAsync(A, "a", isDefault: true, None);
        await Engine.Accounts.CreateAccountAsync(B, "b", isDefault: false, None);
    }

    [Fact]
    public async Task Accounts_list_and_read_with_their_creation_time()
    {
        var accounts = await Admin.ListAccountsAsync(None);
        Assert.Equal([A, B], accounts.Select(a => a.AccountId).Order(StringComparer.Ordinal));
        var a = await Admin.GetAccountAsync(A, None);
        Assert.Equal((A, "a", true, Engine.Time.GetUtcNow().ToUnixTimeMilliseconds()), (a!.AccountId, a.Name, a.IsDefault, a.CreatedMs));
        Assert.Null(await Admin.GetAccountAsync(Missing, None));
    }

    [Fact]
    public async Task Keys_belong_to_one_account_and_never_show_their_secret()
    {
        Assert.Equal(AdminOutcome.Ok, await Admin.CreateUserAsync(A, "reader", None));
        Assert.Equal(AdminOutcome.Ok, await Admin.AddKeyAsync(A, null, "LTAIroot1", [1], None));
        Assert.Equal(AdminOutcome.Ok, await Admin.AddKeyAsync(A, "reader", "LTAIuser1", [2], None));
        Assert.Equal(AdminOutcome.UserNotFound, await Admin.AddKeyAsync(A, "nobody", "LTAIuser2", [3], None));
        Assert.Equal(AdminOutcome.AccountNotFound, await Admin.AddKeyAsync(Missing, null, "LTAIroot2", [4], None));

        Assert.Equal(["LTAIroot1", "LTAIuser1"], (await Admin.ListKeysAsync(A, null, None)).Select(k => k.AccessKeyId).Order(StringComparer.Ordinal));
        Assert.Equal(["LTAIuser1"], (await Admin.ListKeysAsync(A, "reader", None)).Select(k => k.AccessKeyId));
        Assert.Equal(["LTAIroot1"], (await Admin.ListKeysAsync(A, "", None)).Select(k => k.AccessKeyId));
        Assert.Empty(await Admin.ListKeysAsync(B, null, None));

        Assert.Equal(AdminOutcome.KeyNotFound, await Admin.SetKeyEnabledAsync(B, "LTAIroot1", false, None));
        Assert.Equal(AdminOutcome.Ok, await Admin.SetKeyEnabledAsync(A, "LTAIroot1", false, None));
        Assert.False((await Engine.Accounts.FindAccessKeyAsync("LTAIroot1", None))!.Enabled);
        Assert.Equal(AdminOutcome.KeyNotFound, await Admin.DeleteKeyAsync(B, "LTAIroot1", None));
        Assert.Equal(AdminOutcome.Ok, await Admin.DeleteKeyAsync(A, "LTAIroot1", None));
        Assert.Null(await Engine.Accounts.FindAccessKeyAsync("LTAIroot1", None));
        Assert.Equal("reader", (await Engine.Accounts.FindAccessKeyAsync("LTAIuser1", None))!.UserName);
    }

    [Fact]
    public async Task Deleting_a_user_takes_its_keys_and_attachments()
    {
        await Admin.CreateUserAsync(A, "temp", None);
        Assert.Equal(AdminOutcome.UserExists, await Admin.CreateUserAsync(A, "temp", None));
        await Admin.AddKeyAsync(A, "temp", "LTAItemp", [1], None);
        await Admin.PutPolicyAsync(A, "ReadOnly", Policy, None);
        Assert.Equal(AdminOutcome.Ok, await Admin.AttachPolicyAsync(A, "temp", "ReadOnly", None));
        Assert.Equal(["ReadOnly"], Assert.Single(await Admin.ListUsersAsync(A, None)).Policies);

        Assert.Equal(AdminOutcome.Ok, await Admin.DeleteUserAsync(A, "temp", None));
        Assert.Equal(AdminOutcome.UserNotFound, await Admin.DeleteUserAsync(A, "temp", None));
        Assert.Null(await Engine.Accounts.FindAccessKeyAsync("LTAItemp", None));
        Assert.Empty(await Admin.ListUsersAsync(A, None));

        await Admin.CreateUserAsync(A, "temp", None);   // a user of the same name starts with nothing
        Assert.Empty(await Admin.UserPolicyDocumentsAsync(A, "temp", None));
        Assert.Equal(AdminOutcome.Ok, await Admin.DeletePolicyAsync(A, "ReadOnly", None));
    }

    [Fact]
    public async Task Policies_are_replaced_attached_detached_and_refused_deletion_while_attached()
    {
        await Admin.CreateUserAsync(A, "reader", None);
        Assert.Equal(AdminOutcome.Ok, await Admin.PutPolicyAsync(A, "P", Policy, None));
        var replaced = Policy.Replace("Query*", "Get*", StringComparison.Ordinal);
        Assert.Equal(AdminOutcome.Ok, await Admin.PutPolicyAsync(A, "P", replaced, None));
        Assert.Equal(replaced, Assert.Single(await Admin.ListPoliciesAsync(A, None)).Document);
        Assert.Empty(await Admin.ListPoliciesAsync(B, None));

        Assert.Equal(AdminOutcome.PolicyNotFound, await Admin.AttachPolicyAsync(A, "reader", "Nope", None));
        Assert.Equal(AdminOutcome.UserNotFound, await Admin.AttachPolicyAsync(A, "nobody", "P", None));
        Assert.Equal(AdminOutcome.UserNotFound, await Admin.AttachPolicyAsync(B, "reader", "P", None));
        Assert.Equal(AdminOutcome.Ok, await Admin.AttachPolicyAsync(A, "reader", "P", None));
        Assert.Equal([replaced], await Admin.UserPolicyDocumentsAsync(A, "reader", None));
        Assert.Equal(AdminOutcome.PolicyAttached, await Admin.DeletePolicyAsync(A, "P", None));

        Assert.Equal(AdminOutcome.Ok, await Admin.DetachPolicyAsync(A, "reader", "P", None));
        Assert.Equal(AdminOutcome.PolicyNotFound, await Admin.DetachPolicyAsync(A, "reader", "P", None));
        Assert.Equal(AdminOutcome.Ok, await Admin.DeletePolicyAsync(A, "P", None));
        Assert.Equal(AdminOutcome.PolicyNotFound, await Admin.DeletePolicyAsync(A, "P", None));
    }

    [Fact]
    public async Task Instance_ids_are_unique_across_accounts()
    {
        Assert.Equal(AdminOutcome.Ok, await Admin.CreateInstanceAsync(A, "iot-0000aaaa", None));
        Assert.Equal(AdminOutcome.InstanceExists, await Admin.CreateInstanceAsync(A, "iot-0000aaaa", None));
        Assert.Equal(AdminOutcome.InstanceExists, await Admin.CreateInstanceAsync(B, "iot-0000aaaa", None));
        Assert.Equal(AdminOutcome.AccountNotFound, await Admin.CreateInstanceAsync(Missing, "iot-0000bbbb", None));
        Assert.Equal(["iot-0000aaaa"], (await Admin.ListInstancesAsync(A, None)).Select(i => i.InstanceId));
        Assert.Empty(await Admin.ListInstancesAsync(B, None));

        Assert.Equal(AdminOutcome.InstanceNotFound, await Admin.DeleteInstanceAsync(B, "iot-0000aaaa", None));
        Assert.Equal(AdminOutcome.Ok, await Admin.DeleteInstanceAsync(A, "iot-0000aaaa", None));
        Assert.False(await Engine.Accounts.InstanceExistsAsync(A, "iot-0000aaaa", None));
    }

    [Fact]
    public async Task Quota_overrides_are_set_replaced_listed_and_removed_per_account()
    {
        Assert.Equal(AdminOutcome.Ok, await Admin.SetQuotaOverrideAsync(new(A, "QueryEdgeDriver", 50), None));
        Assert.Equal(AdminOutcome.Ok, await Admin.SetQuotaOverrideAsync(new(A, "QueryEdgeDriver", 70), None));
        Assert.Equal(AdminOutcome.Ok, await Admin.SetQuotaOverrideAsync(new(A, "*", null), None));
        Assert.Equal(AdminOutcome.Ok, await Admin.SetQuotaOverrideAsync(new(B, "*", 5), None));
        Assert.Equal(AdminOutcome.AccountNotFound, await Admin.SetQuotaOverrideAsync(new(Missing, "*", 5), None));

        var ofA = (await Admin.ListQuotaOverridesAsync(A, None)).OrderBy(q => q.Action, StringComparer.Ordinal).ToArray();
        Assert.Equal([new QuotaOverride(A, "*", null), new QuotaOverride(A, "QueryEdgeDriver", 70)], ofA);
        Assert.Equal(3, (await Admin.ListQuotaOverridesAsync(null, None)).Count);

        Assert.Equal(AdminOutcome.Ok, await Admin.RemoveQuotaOverrideAsync(A, "*", None));
        Assert.Equal([new QuotaOverride(A, "QueryEdgeDriver", 70)], await Admin.ListQuotaOverridesAsync(A, None));
    }
}
