namespace EdgeRegistry.Packages;

/// <summary>
/// The package bytes an account stores (every uploaded object: packages and config files, named by a version or
/// not yet) and its limit; <see cref="LimitBytes"/> null means unlimited, the default.
/// </summary>
public sealed record StorageUsage(long StoredBytes, long? LimitBytes)
{
    /// <summary>Whether storing <paramref name="adding"/> bytes in place of <paramref name="replacing"/> stays within the limit.</summary>
    public bool Allows(long adding, long replacing = 0) => LimitBytes is not { } limit || StoredBytes - replacing + adding <= limit;
}
