namespace EdgeRegistry.Rpc;

/// <summary>
/// Gateway errors end a request before any operation runs (HTTP 4xx/5xx, <c>&lt;Error&gt;</c> body);
/// business errors come from an operation that ran and refused (HTTP 200, <c>Success:false</c>).
/// </summary>
public enum RpcErrorKind
{
    Gateway,
    Business,
}

/// <param name="RetryAfterSeconds">Sent as a <c>Retry-After</c> header (throttled calls).</param>
public sealed record RpcError(RpcErrorKind Kind, int HttpStatus, string Code, string Message, int? RetryAfterSeconds = null);

/// <summary>The one exception the RPC surface throws; the pipeline renders it in the shape its kind asks for.</summary>
public sealed class RpcException(RpcError error) : Exception(error.Message)
{
    public RpcError Error { get; } = error;
}
