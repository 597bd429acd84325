using System.Diagnostics;
using EdgeRegistry.Accounts;
using EdgeRegistry.Auth;
using EdgeRegistry.Hosting;
using EdgeRegistry.Observability;
using EdgeRegistry.Quotas;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Rpc;

/// <summary>
/// The whole RPC request path, in order:
/// request id → parameters → format → Action and Version → signature (timestamp, key, signature, nonce)
/// → implemented? → quota → RAM permission → instance → validate and handle → write.
/// Any <see cref="RpcException"/> becomes the error shape its kind asks for; a backend that is down or too slow
/// (<see cref="StoreFailures.IsUnavailable"/>) becomes ServiceUnavailable (503); anything else is logged and answered as InternalError (or SystemException when it
/// escaped an operation).
/// </summary>
public sealed class RpcPipeline(
    ActionTable actions,
    RequestAuthenticator authenticator,
    TenantScopeResolver scopes,
    QuotaGate quotas,
    AccessPolicies policies,
    RpcResponseWriter writer,
    InFlightRequests inFlight,
    RequestLog requestLog,
    RegistryMetrics metrics,
    ILogger<RpcPipeline> log)
{
    /// <summary>What the request log reports when the client went away before it could be answered (nginx's code).</summary>
    public const int ClientClosedRequest = 499;

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString().ToUpperInvariant();
        http.Response.Headers["x-acs-request-id"] = requestId;
        var state = new RequestState();
        var status = ClientClosedRequest;
        inFlight.Enter();
        try
        {
            await RunAsync(http, requestId, state);
            status = http.Response.StatusCode;
        }
        catch (Exception e) when (IsClientGone(e, http))
        {
            // Nobody is left to answer; the log line below says so.
        }
        catch
        {
            // Only writing an answer can fail here, and the writers are built never to; Kestrel answers 500.
            status = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            inFlight.Exit();
            var code = status == ClientClosedRequest ? "ClientClosedRequest" : state.Failure?.Code ?? "Success";
            metrics.RequestEnded(state.Signed?.Action, code, started);
            requestLog.Write(new RequestLogEntry(DateTime.UtcNow, state.Signed?.Action ?? "-", status, code,
                state.Signed?.AccessKeyId ?? "-", Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId));
        }
    }

    /// <summary>Answers the request: the operation's result, or the error that ended it.</summary>
    private async Task RunAsync(HttpContext http, string requestId, RequestState state)
    {
        var cancellationToken = http.RequestAborted;
        try
        {
            var parameters = await RpcParameters.ReadAsync(http.Request, cancellationToken);
            state.Format = SignedRequest.DetectFormat(http.Request, parameters, out var invalidFormat);
            if (invalidFormat is not null)
            {
                throw invalidFormat;
            }

            if (parameters.Problem is { } problem)
            {
                throw problem;
            }

            state.Signed = SignedRequest.From(http.Request, parameters);
            var operation = ResolveAction(state.Signed);
            var caller = await authenticator.AuthenticateAsync(http.Request, parameters, state.Signed, cancellationToken);
            if (operation is null)
            {
                throw RpcErrors.UnsupportedOperation(state.Signed.Action!, actions.Supported);
            }

            if (await quotas.CheckAsync(caller.AccountId, operation.Action, cancellationToken) is { IsAllowed: false } throttled)
            {
                throw RpcErrors.ThrottlingUser(throttled.RetryAfterSeconds);
            }

            // Root keys may do everything; a RAM user needs a policy that allows iot:<Action> and none that denies it.
            if (caller.UserName is { } user && !await policies.AllowsAsync(caller.AccountId, user, operation.Action, cancellationToken))
            {
                throw RpcErrors.ForbiddenRam();
            }

            var scope = await scopes.ResolveAsync(caller, parameters["IotInstanceId"], cancellationToken);
            state.InOperation = true;
            var body = await operation.InvokeAsync(new RpcCall(parameters, scope), cancellationToken);
            await writer.WriteSuccessAsync(http.Response, state.Format, operation.Action, requestId, body);
            return;
        }
        catch (RpcException e)
        {
            state.Failure = e.Error;
        }
        catch (Exception e) when (StoreFailures.IsUnavailable(e) && !http.Response.HasStarted)
        {
            // Not a bug and not the caller's fault: a shared backend is down, and a retry later may succeed.
            log.LogWarning(e, "Request {RequestId} ({Action}) found a backend unavailable", requestId, state.Signed?.Action);
            state.Failure = RpcErrors.ServiceUnavailable().Error;
        }
        catch (Exception e) when (!IsClientGone(e, http))
        {
            log.LogError(e, "Request {RequestId} ({Action}) failed", requestId, state.Signed?.Action);
            state.Failure = (state.InOperation ? RpcErrors.SystemException() : RpcErrors.InternalError()).Error;
            if (http.Response.HasStarted)
            {
                return;
            }
        }

        await writer.WriteErrorAsync(http.Response, state.Format, state.Signed?.Action, requestId, state.Failure);
    }

    /// <summary>The client aborted or reset the connection (the body reader reports that as a cancellation).</summary>
    private static bool IsClientGone(Exception e, HttpContext http) =>
        http.RequestAborted.IsCancellationRequested || e is OperationCanceledException;

    /// <summary>The operation for a known, implemented Action; null for a known one not implemented yet.</summary>
    private IRpcOperation? ResolveAction(SignedRequest signed)
    {
        var actionName = signed.Scheme == SignatureScheme.V1 ? "Action" : "x-acs-action";
        var versionName = signed.Scheme == SignatureScheme.V1 ? "Version" : "x-acs-version";
        if (string.IsNullOrEmpty(signed.Action))
        {
            throw RpcErrors.MissingParameter(actionName);
        }

        if (string.IsNullOrEmpty(signed.Version))
        {
            throw RpcErrors.MissingParameter(versionName);
        }

        if (signed.Version != ActionTable.ApiVersion)
        {
            throw RpcErrors.InvalidVersion();
        }

        return actions.IsKnown(signed.Action) ? actions.Find(signed.Action) : throw RpcErrors.ActionNotFound();
    }

    /// <summary>What the log line needs to know of a request, filled in as the pipeline gets that far.</summary>
    private sealed class RequestState
    {
        public WireFormat Format { get; set; } = WireFormat.Xml;

        public SignedRequest? Signed { get; set; }

        public bool InOperation { get; set; }

        public RpcError? Failure { get; set; }
    }
}
