using EdgeRegistry.Accounts;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Rpc;

/// <summary>What the pipeline hands an operation once the caller is known and the instance resolved.</summary>
public sealed record RpcCall(RpcParameters Parameters, TenantScope Scope);

public interface IRpcOperation
{
    string Action { get; }

    Task<IWireObject> InvokeAsync(RpcCall call, CancellationToken cancellationToken);
}

/// <summary>
/// One wire action: <see cref="Bind"/> turns parameters into a validated request (the pipeline's validation
/// step), <see cref="HandleAsync"/> does the work and returns the response body. Handlers never touch HTTP.
/// </summary>
public abstract class RpcOperation<TRequest> : IRpcOperation
{
    public abstract string Action { get; }

    public Task<IWireObject> InvokeAsync(RpcCall call, CancellationToken cancellationToken) =>
        HandleAsync(Bind(new ParameterReader(call.Parameters)), call.Scope, cancellationToken);

    protected abstract TRequest Bind(ParameterReader parameters);

    protected abstract Task<IWireObject> HandleAsync(TRequest request, TenantScope scope, CancellationToken cancellationToken);
}
