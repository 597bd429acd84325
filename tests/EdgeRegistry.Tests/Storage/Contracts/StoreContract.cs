using EdgeRegistry.Accounts;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Tests.Storage.Contracts;

/// <summary>
/// The base of every contract suite: a fresh engine per test (xunit makes one class instance per test) and the
/// small builders the suites share. Suites state behaviour through the interfaces only, never through SQL.
/// </summary>
public abstract class StoreContract<TEngine> : IAsyncLifetime where TEngine : IStoreEngine, new()
{
    protected static readonly CancellationToken None = CancellationToken.None;
    protected static readonly TenantScope Scope = new("1000000000000001", "");
    protected static readonly TenantScope OtherInstance = new("1000000000000001", "iot-contract1");
    protected static readonly TenantScope OtherAccount = new("1000000000000002", "");

    private int _next;

    protected TEngine Engine { get; } = new();

    protected IDriverStore Drivers => Engine.Drivers;

    protected IObjectCatalog Objects => Engine.Objects;

    public virtual Task InitializeAsync() => Engine.StartAsync();

    public Task DisposeAsync() => Engine.DisposeAsync().AsTask();

    /// <summary>A driver with a fresh id, <paramref name="name"/> and a creation time later than the previous one's.</summary>
    protected Driver NewDriver(string name, long? createdMs = null)
    {
        var n = Interlocked.Increment(ref _next);
        return new Driver($"{n:x32}", name, "modbus", "python3", "", false, createdMs ?? 1_790_000_000_000 + n, createdMs ?? 1_790_000_000_000 + n);
    }

    protected async Task<Driver> CreateDriverAsync(TenantScope scope, string name)
    {
        var driver = NewDriver(name);
        Assert.Equal(StoreOutcome.Ok, await Drivers.CreateDriverAsync(scope, driver, None));
        return driver;
    }

    protected static DriverVersionContent Content(string description = "", string sourceConfig = "") =>
        new("2.4.0", description, sourceConfig, "", "", "", "");

    protected Task<StoreOutcome> CreateVersionAsync(TenantScope scope, string driverId, string version, long nowMs,
        DriverVersionContent? content = null, ObjectReferences? objects = null) =>
        Drivers.CreateVersionAsync(scope, driverId, version, content ?? Content(), objects ?? ObjectReferences.None, nowMs, None);

    /// <summary>An object presigned (and, with <paramref name="blobId"/>, uploaded) for a version of a driver.</summary>
    protected async Task<StoredObject> PresignAsync(TenantScope scope, string driverId, string version, string fileName, string? blobId = null, long presignedMs = 1_790_000_000_000)
    {
        var stored = new StoredObject($"driver/h/{ObjectKinds.DriverPackage}/{driverId}/{version}/{presignedMs}/{fileName}",
            scope.AccountId, scope.InstanceId, ObjectKinds.DriverPackage, driverId, version, "", fileName, presignedMs);
        Assert.Equal(RegisterOutcome.Registered, await Objects.RegisterAsync(stored, None));
        if (blobId is not null)
        {
            var (outcome, _) = await Objects.CommitUploadAsync(stored.Key, blobId, new BlobWritten(3, "md5", "sha"), "application/zip", presignedMs + 1, None);
            Assert.Equal(CommitOutcome.Ok, outcome);
        }

        return stored;
    }
}
