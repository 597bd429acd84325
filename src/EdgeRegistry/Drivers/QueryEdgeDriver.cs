using EdgeRegistry.Accounts;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

public sealed class QueryEdgeDriver(IDriverStore store) : RpcOperation<QueryEdgeDriver.Request>
{
    /// <param name="Type">0: official drivers (EdgeRegistry ships none), 1: custom drivers.</param>
    public sealed record Request(int CurrentPage, int PageSize, int Type, string? NameContains);

    public override string Action => nameof(QueryEdgeDriver);

    protected override Request Bind(ParameterReader p)
    {
        var request = new Request(p.RequiredInt("CurrentPage"), p.RequiredInt("PageSize"), p.RequiredInt("Type"), p.Optional("DriverName"));
        DriverRules.Page(request.CurrentPage, request.PageSize);
        return request.Type is 0 or 1 ? request : throw RpcErrors.InvalidParam("Type must be 0 (official drivers) or 1 (custom drivers).");
    }

    protected override async Task<IWireObject> HandleAsync(Request request, TenantScope scope, CancellationToken cancellationToken)
    {
        var (offset, limit) = DriverRules.Page(request.CurrentPage, request.PageSize);
        var page = request.Type == DriverView.CustomType
            ? await store.QueryDriversAsync(scope, request.NameContains, offset, limit, cancellationToken)
            : new Page<Driver>([], 0);
        return new PagedBody(request.CurrentPage, request.PageSize, page.Total, "DriverList", "Driver",
            [.. page.Items.Select(d => new DriverView(d, WithIsApply: true))]);
    }
}
