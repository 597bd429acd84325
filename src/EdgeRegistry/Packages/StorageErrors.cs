namespace EdgeRegistry.Packages;

/// <summary>
/// Uploads refused for want of space: the account's storage limit (403 <c>QuotaExceeded</c>: the client can do
/// something about it, by deleting) and a full disk on the server (507 <c>InsufficientStorage</c>: the operator can;
/// retrying later may work). Neither stores anything.
/// </summary>
public static class StorageErrors
{
    private const int NoSpace = 28;  // ENOSPC
    private const int DiskQuota = 122; // EDQUOT
    private const int SqliteFull = 13; // SQLITE_FULL

    public static IResult QuotaExceeded(HttpContext http, StorageUsage usage) => OssErrors.Write(http, 403, "QuotaExceeded",
        $"The account's packages would take more than its storage limit of {usage.LimitBytes} bytes (it stores {usage.StoredBytes}): " +
        "delete versions or drivers, or ask the operator for a higher limit. Nothing was stored.");

    public static IResult DiskFull(HttpContext http) => OssErrors.Write(http, 507, "InsufficientStorage",
        "The server's disk is full: nothing was stored. Try again later; the operator has been told in the server log.");

    /// <summary>True for the errors a full filesystem raises: the file system's own, or SQLite's when its files cannot grow.</summary>
    public static bool IsDiskFull(Exception e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        IOException io => io.HResult is NoSpace or DiskQuota || (io.HResult & 0xFFFF) == 0x70 /* Windows ERROR_DISK_FULL */,
        _ => e.InnerException is { } inner && IsDiskFull(inner),
    };
}
