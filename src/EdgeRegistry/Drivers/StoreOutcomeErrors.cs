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
                _ => new InvalidOperationException($"Unexpected store outcome {outcome}."),
            };
        }
    }
}
