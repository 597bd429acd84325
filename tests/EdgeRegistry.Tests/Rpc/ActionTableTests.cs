using System.Text.RegularExpressions;
using EdgeRegistry.Drivers;
using EdgeRegistry.Rpc;
using EdgeRegistry.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeRegistry.Tests.Rpc;

public sealed class ActionTableTests
{
    /// <summary>The operations of api.md section 5 that this server implements so far (packages come with issue 3).</summary>
    private static readonly string[] SpecOperations =
    [
        "CreateEdgeDriver", "QueryEdgeDriver", "BatchGetEdgeDriver", "DeleteEdgeDriver", "CreateEdgeDriverVersion",
        "UpdateEdgeDriverVersion", "GetEdgeDriverVersion", "QueryEdgeDriverVersion", "DeleteEdgeDriverVersion", "ReleaseEdgeDriverVersion",
    ];

    [Fact]
    public void The_table_holds_exactly_the_spec_operations_each_in_a_file_named_after_it()
    {
        var table = BuildTable();

        Assert.Equal(SpecOperations.Order(), table.Supported.Order());
        foreach (var action in SpecOperations)
        {
            Assert.Equal(action, table.Find(action)!.GetType().Name);
        }
    }

    [Fact]
    public void The_spec_lists_every_implemented_operation_as_a_section_5_heading()
    {
        var api = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Rpc", "api.md"));
        var headings = Regex.Matches(api, "^### ([A-Za-z]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Subset(headings, SpecOperations.ToHashSet());
    }

    [Theory]
    [InlineData("QueryEdgeDriverVersion", true, true)]
    [InlineData("BindDriverToEdgeInstance", true, false)]
    [InlineData("CreateEdgeOssPreSignedAddress", true, false)]
    [InlineData("QueryDevice", true, false)]
    [InlineData("Foo", false, false)]
    [InlineData("queryedgedriverversion", false, false)]
    public void Known_and_implemented_actions_are_told_apart(string action, bool known, bool implemented)
    {
        var table = BuildTable();

        Assert.Equal(known, table.IsKnown(action));
        Assert.Equal(implemented, table.Find(action) is not null);
    }

    private static ActionTable BuildTable()
    {
        var services = new ServiceCollection()
            .AddSingleton<IDriverStore>(new UnusedStore())
            .AddSingleton(TimeProvider.System);
        ActionTable.AddOperations(services);
        return services.BuildServiceProvider().GetRequiredService<ActionTable>();
    }

    /// <summary>The table only needs the operations constructed, never called.</summary>
    private sealed class UnusedStore : IDriverStore
    {
        public Task<StoreOutcome> CreateDriverAsync(Accounts.TenantScope scope, Driver driver, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<Page<Driver>> QueryDriversAsync(Accounts.TenantScope scope, string? nameContains, int offset, int limit, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<IReadOnlyList<Driver>> GetDriversAsync(Accounts.TenantScope scope, IReadOnlyList<string> driverIds, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StoreOutcome> DeleteDriverAsync(Accounts.TenantScope scope, string driverId, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StoreOutcome> CreateVersionAsync(Accounts.TenantScope scope, string driverId, string version, DriverVersionContent content, long nowMs, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StoreOutcome> ReplaceVersionAsync(Accounts.TenantScope scope, string driverId, string version, DriverVersionContent content, long nowMs, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StoreResult<DriverVersion>> GetVersionAsync(Accounts.TenantScope scope, string driverId, string version, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StoreResult<Page<DriverVersion>>> QueryVersionsAsync(Accounts.TenantScope scope, string driverId, VersionFilter filter, int offset, int limit, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StoreOutcome> DeleteVersionAsync(Accounts.TenantScope scope, string driverId, string version, CancellationToken cancellationToken) => throw new InvalidOperationException();
        public Task<StoreOutcome> ReleaseVersionAsync(Accounts.TenantScope scope, string driverId, string version, long nowMs, CancellationToken cancellationToken) => throw new InvalidOperationException();
    }
}
