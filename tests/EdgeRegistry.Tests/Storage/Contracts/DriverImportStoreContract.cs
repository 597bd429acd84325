using EdgeRegistry.Storage;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>
/// What every <see cref="IDriverImportStore"/> must do: find the scope of a DriverId in any account, and add a
/// driver under its own id with both of its times, refusing an id or name already taken.
/// </summary>
public abstract class DriverImportStoreContract<TEngine> : StoreContract<TEngine> where TEngine : IStoreEngine, new()
{
    private IDriverImportStore Imports => (IDriverImportStore)Drivers;

    [Fact]
    public async Task An_imported_driver_keeps_its_id_and_both_times()
    {
        var driver = NewDriver("imported") with { CreatedMs = 1_500_000_000_123, ModifiedMs = 1_600_000_000_456, CpuArch = "armv7", IsBuiltIn = true };

        Assert.Equal(StoreOutcome.Ok, await Imports.ImportDriverAsync(OtherInstance, driver, None));

        Assert.Equal([driver], await Drivers.GetDriversAsync(OtherInstance, [driver.DriverId], None));
        Assert.Equal(1, (await Drivers.QueryDriversAsync(OtherInstance, null, 0, 10, None)).Total);
        Assert.Equal(0, (await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Total);
    }

    [Fact]
    public async Task The_scope_of_a_DriverId_is_found_in_any_account()
    {
        var mine = await CreateDriverAsync(Scope, "mine");
        var theirs = await CreateDriverAsync(OtherAccount, "theirs");

        Assert.Equal(Scope, await Imports.FindDriverScopeAsync(mine.DriverId, None));
        Assert.Equal(OtherAccount, await Imports.FindDriverScopeAsync(theirs.DriverId, None));
        Assert.Null(await Imports.FindDriverScopeAsync("0123456789abcdef0123456789abcdef", None));
    }

    [Fact]
    public async Task An_id_taken_in_another_account_or_a_name_taken_in_the_scope_is_refused_and_nothing_is_added()
    {
        var theirs = await CreateDriverAsync(OtherAccount, "theirs");
        await CreateDriverAsync(Scope, "taken");

        Assert.Equal(StoreOutcome.DriverNameExists, await Imports.ImportDriverAsync(Scope, NewDriver("free") with { DriverId = theirs.DriverId }, None));
        Assert.Equal(StoreOutcome.DriverNameExists, await Imports.ImportDriverAsync(Scope, NewDriver("taken"), None));
        Assert.Equal(1, (await Drivers.QueryDriversAsync(Scope, null, 0, 10, None)).Total);
        Assert.Equal(OtherAccount, await Imports.FindDriverScopeAsync(theirs.DriverId, None));
    }
}
