using EdgeRegistry.Rpc;
using EdgeRegistry.Storage;

namespace EdgeRegistry.Drivers;

public static class StoreOutcomeErrors
{
    /// <summary>Turns a refused store operation into its business error.</summary>
    public static void ThrowIfFailed(this StoreOutcome outcome)
    {
        if (outcome != StoreOutcome.Ok)
        {
            throw outcome switch
            {
                StoreOutcome.DriverNotFound => RpcErrors.DriverNotExist(),
                StoreOutcome.DriverNameExists => RpcErrors.DriverNameExist(),
                StoreOutcome.DriverHasPublishedVersion => RpcErrors.DriverHasPublishedVersion(),
                StoreOutcome.VersionNotFound => RpcErrors.DriverVersionNotExist(),
                StoreOutcome.VersionExists => RpcErrors.DriverVersionExist(),
                StoreOutcome.VersionPublished => RpcErrors.DriverVersionPublished(),
                StoreOutcome.ObjectNotFound => RpcErrors.InvalidParam("An object the version names was deleted while the request ran; presign and upload it again."),
                _ => new InvalidOperationException($"Unexpected store outcome {outcome}."),
            };
        }
    }
}
