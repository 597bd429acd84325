using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>
/// The per-account limit on stored package bytes, in every store: set and removed through the admin store, counted
/// and enforced by the object catalog in the upload's commit, never overshot by concurrent uploads.
/// </summary>
public abstract class StorageLimitContract<TEngine> : StoreContract<TEngine> where TEngine : IStoreEngine, new()
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.Accounts.CreateAccountAsync(Scope.AccountId, "a", isDefault: true, None);
        await Engine.Accounts.CreateAccountAsync(OtherAccount.AccountId, "b", isDefault: false, None);
    }

    private Task<(CommitOutcome Outcome, string? Replaced)> CommitAsync(StoredObject stored, string blobId, long length) =>
        Objects.CommitUploadAsync(stored.Key, blobId, new BlobWritten(length, "m", "s"), "application/zip", 1_790_000_000_500, None);

    [Fact]
    public async Task An_account_is_unlimited_until_a_limit_is_set_and_again_once_it_is_removed()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        Assert.Equal(new StorageUsage(0, null), await Objects.StorageUsageAsync(Scope.AccountId, None));
        Assert.Equal(CommitOutcome.Ok, (await CommitAsync(await PresignAsync(Scope, driver.DriverId, "1.0", "a.zip"), "blob-a", 700)).Outcome);

        Assert.Equal(AdminOutcome.Ok, await Engine.Admin.SetStorageLimitAsync(Scope.AccountId, 1000, None));
        Assert.Equal(new StorageUsage(700, 1000), await Objects.StorageUsageAsync(Scope.AccountId, None));
        Assert.Equal(AdminOutcome.Ok, await Engine.Admin.SetStorageLimitAsync(Scope.AccountId, null, None));
        Assert.Equal(new StorageUsage(700, null), await Objects.StorageUsageAsync(Scope.AccountId, None));
        Assert.Equal(AdminOutcome.AccountNotFound, await Engine.Admin.SetStorageLimitAsync("9999999999999999", 1, None));
    }

    [Fact]
    public async Task A_commit_past_the_limit_is_refused_and_a_replacement_counts_only_the_difference()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        await Engine.Admin.SetStorageLimitAsync(Scope.AccountId, 1000, None);
        var first = await PresignAsync(Scope, driver.DriverId, "1.0", "a.zip");
        var second = await PresignAsync(Scope, driver.DriverId, "2.0", "b.zip");

        Assert.Equal(CommitOutcome.Ok, (await CommitAsync(first, "blob-1", 600)).Outcome);
        Assert.Equal((CommitOutcome.StorageLimitExceeded, (string?)null), await CommitAsync(second, "blob-2", 401));
        Assert.False((await Objects.FindAsync(second.Key, None))!.IsUploaded);
        Assert.Equal(CommitOutcome.Ok, (await CommitAsync(second, "blob-3", 400)).Outcome);
        // Replacing the 600 bytes of the first object with 600 others fits exactly; with 601 it does not.
        Assert.Equal((CommitOutcome.Ok, (string?)"blob-1"), await CommitAsync(first, "blob-4", 600));
        Assert.Equal(CommitOutcome.StorageLimitExceeded, (await CommitAsync(first, "blob-5", 601)).Outcome);
        Assert.Equal(new StorageUsage(1000, 1000), await Objects.StorageUsageAsync(Scope.AccountId, None));

        // Another account's bytes and limit are its own.
        var other = await CreateDriverAsync(OtherAccount, "d");
        Assert.Equal(CommitOutcome.Ok, (await CommitAsync(await PresignAsync(OtherAccount, other.DriverId, "1.0", "a.zip"), "blob-6", 5000)).Outcome);
        Assert.Equal(new StorageUsage(5000, null), await Objects.StorageUsageAsync(OtherAccount.AccountId, None));
    }

    [Fact]
    public async Task Concurrent_commits_of_one_account_never_overshoot_the_limit()
    {
        var driver = await CreateDriverAsync(Scope, "d");
        await Engine.Admin.SetStorageLimitAsync(Scope.AccountId, 10_000, None);
        var objects = new List<StoredObject>();
        for (var i = 0; i < 40; i++)
        {
            objects.Add(await PresignAsync(Scope, driver.DriverId, $"1.{i}", "p.zip"));
        }

        // 40 uploads of 1,000 bytes at once: exactly 10 fit.
        var outcomes = await Task.WhenAll(objects.Select((o, i) => Task.Run(() => CommitAsync(o, $"blob-{i:D2}", 1000))));

        Assert.Equal(10, outcomes.Count(o => o.Outcome == CommitOutcome.Ok));
        Assert.Equal(30, outcomes.Count(o => o.Outcome == CommitOutcome.StorageLimitExceeded));
        Assert.Equal(new StorageUsage(10_000, 10_000), await Objects.StorageUsageAsync(Scope.AccountId, None));
    }
}
