using System.Diagnostics;
using EdgeRegistry.Accounts;
using EdgeRegistry.Auth;
using EdgeRegistry.Quotas;

namespace EdgeRegistry.Rpc;

/// <summary>
/// The whole RPC request path, in order:
/// request id → parameters → format → Action and Version → signature (timestamp, key, signature, nonce)
/// → implemented? → quota → RAM permission → instance → validate and handle → write.
/// Any <see cref="RpcException"/> becomes the error shape its kind asks for; anything else is logged and answered
/// as InternalError (or SystemException when it escaped an operation).
/// </summary>
public sealed class RpcPipeline(
    ActionTable actions,
    RequestAuthenticator authenticator,
    TenantScopeResolver scopes,
    QuotaGate quotas,
    AccessPolicies policies,
    RpcResponseWriter writer,
    ILogger<RpcPipeline> log)
{
    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString().ToUpperInvariant();
        http.Response.Headers["x-acs-request-id"] = requestId;
        var cancellationToken = http.RequestAborted;
        var format = WireFormat.Xml;
        SignedRequest? signed = null;
        var inOperation = false;
        RpcError? failure = null;
        try
        {
            var parameters = await RpcParameters.ReadAsync(http.Request, cancellationToken);
            format = SignedRequest.DetectFormat(http.Request, parameters, out var invalidFormat);
            if (invalidFormat is not null)
            {
                throw invalidFormat;
            }

            if (parameters.Problem is { } problem)
            {
                throw RpcErrors.InvalidParameter(problem);
            }

            signed = SignedRequest.From(http.Request, parameters);
            var operation = ResolveAction(signed);
            var caller = await authenticator.AuthenticateAsync(http.Request, parameters, signed, cancellationToken);
            if (operation is null)
            {
                throw RpcErrors.UnsupportedOperation(signed.Action!, actions.Supported);
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
            inOperation = true;
            var body = await operation.InvokeAsync(new RpcCall(parameters, scope), cancellationToken);
            await writer.WriteSuccessAsync(http.Response, format, operation.Action, requestId, body);
        }
        catch (RpcException e)
        {
            failure = e.Error;
            await writer.WriteErrorAsync(http.Response, format, signed?.Action, requestId, e.Error);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogError(e, "Request {RequestId} ({Action}) failed", requestId, signed?.Action);
            failure = (inOperation ? RpcErrors.SystemException() : RpcErrors.InternalError()).Error;
            if (!http.Response.HasStarted)
            {
                await writer.WriteErrorAsync(http.Response, format, signed?.Action, requestId, failure);
            }
        }
        finally
        {
            log.LogInformation("{Action} {Status} {Code} key={AccessKeyId} {ElapsedMs:0.0}ms {RequestId}",
                signed?.Action ?? "-", http.Response.StatusCode, failure?.Code ?? "Success", signed?.AccessKeyId ?? "-",
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
        }
    }

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
}
