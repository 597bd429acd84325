using System.Net;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.User.Client;

/// <summary>
/// Which exit code an Iot API error ends a command with. Business errors arrive with HTTP 200, so the code, not
/// the status, decides; codes this table does not name fall back to the admin CLI's mapping of the HTTP status.
/// </summary>
internal static class IotErrorExitCodes
{
    public static int For(string? code, HttpStatusCode status) => code switch
    {
        "iot.edge.DriverNotExist" or "iot.edge.DriverVersionNotExist" or "iot.system.InstanceNotFound" => ExitCodes.NotFound,
        "iot.edge.DriverNameExist" or "iot.edge.DriverVersionExist" or "iot.edge.DriverVersionPublished"
            or "iot.edge.DriverHasPublishedVersion" => ExitCodes.Conflict,
        "iot.common.InvalidParam" or "iot.common.InvalidPageParams" or "iot.common.ParameterSizeLimit" => ExitCodes.BadUsage,
        "SignatureDoesNotMatch" or "IncompleteSignature" or "Forbidden.RAM" or "InvalidTimeStamp.Expired" => ExitCodes.Unauthorized,
        not null when code.StartsWith("InvalidAccessKeyId", StringComparison.Ordinal)
            || code.StartsWith("InvalidSecurityToken", StringComparison.Ordinal) => ExitCodes.Unauthorized,
        // Still throttled after every retry, a replayed nonce, a server fault: nothing the caller typed was wrong.
        "Throttling.User" or "SignatureNonceUsed" or "InvalidAction.NotFound" => ExitCodes.Failed,
        _ when status == HttpStatusCode.OK => ExitCodes.Failed,
        _ => AdminLeafCommand.ExitCodeFor(status),
    };
}
