using EdgeRegistry.Accounts;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

/// <summary>
/// The seed operation: a page of a driver's versions, newest created first (ties: version descending), optionally
/// one exact version or one state. <c>Total</c> counts every match; a page past the end is empty.
/// </summary>
public sealed class QueryEdgeDriverVersion(IDriverStore store, IObjectLinks links) : RpcOperation<QueryEdgeDriverVersion.Request>
{
    public sealed record Request(string DriverId, int CurrentPage, int PageSize, VersionFilter Filter);

    public override string Action => nameof(QueryEdgeDriverVersion);

    protected override Request Bind(ParameterReader p)
    {
        var driverId = p.Required("DriverId");
        var currentPage = p.RequiredInt("CurrentPage");
        var pageSize = p.RequiredInt("PageSize");
        DriverRules.Page(currentPage, pageSize);
        var state = p.OptionalInt("VersionState") switch
        {
            null => (bool?)null,
            0 => false,
            1 => true,
            var other => throw RpcErrors.InvalidParam($"VersionState must be 0 (unpublished) or 1 (published); got {other}."),
        };
        return new Request(driverId, currentPage, pageSize, new VersionFilter(p.Optional("DriverVersion"), state));
    }

    protected override async Task<IWireObject> HandleAsync(Request request, TenantScope scope, CancellationToken cancellationToken)
    {
        var (offset, limit) = DriverRules.Page(request.CurrentPage, request.PageSize);
        var result = await store.QueryVersionsAsync(scope, request.DriverId, request.Filter, offset, limit, cancellationToken);
        result.Outcome.ThrowIfFailed();
        var page = result.Value!;
        return new PagedBody(request.CurrentPage, request.PageSize, page.Total, "DriverVersionList", "DriverVersion",
            [.. page.Items.Select(v => new DriverVersionView(v, links))]);
    }
}
