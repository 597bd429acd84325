using System.Security.Cryptography;
using EdgeRegistry.Accounts;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

public sealed class CreateEdgeDriver(IDriverStore store, TimeProvider time) : RpcOperation<CreateEdgeDriver.Request>
{
    public sealed record Request(string Name, string Protocol, string Runtime, string CpuArch, bool IsBuiltIn);

    public override string Action => nameof(CreateEdgeDriver);

    protected override Request Bind(ParameterReader p) => new(
        DriverRules.DriverName(p.Required("DriverName")),
        DriverRules.Protocol(p.Required("DriverProtocol")),
        DriverRules.Runtime(p.Required("Runtime")),
        DriverRules.CpuArch(p.Optional("CpuArch")),
        p.OptionalBoolean("IsBuiltIn") ?? false);

    protected override async Task<IWireObject> HandleAsync(Request request, TenantScope scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var driver = new Driver(NewDriverId(), request.Name, request.Protocol, request.Runtime, request.CpuArch, request.IsBuiltIn, now, now);
        (await store.CreateDriverAsync(scope, driver, cancellationToken)).ThrowIfFailed();
        return new FieldBody("DriverId", driver.DriverId);
    }

    /// <summary>32 random lowercase hex characters, like Alibaba's driver ids.</summary>
    private static string NewDriverId() => RandomNumberGenerator.GetHexString(32, lowercase: true);
}
