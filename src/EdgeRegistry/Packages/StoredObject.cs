namespace EdgeRegistry.Packages;

/// <summary>The three kinds of object CreateEdgeOssPreSignedAddress hands out, by their wire names.</summary>
public static class ObjectKinds
{
    public const string DriverPackage = "DRIVER_VERSION_CONTENT";
    public const string DefaultConfig = "DRIVER_VERSION_DEFAULT_CONFIG";
    public const string InstanceConfig = "INSTANCE_DRIVER_VERSION_CONFIG";

    public static readonly string[] All = [DriverPackage, DefaultConfig, InstanceConfig];
}

/// <summary>
/// An object as the catalog knows it: who it belongs to, what it is for, and — once uploaded — which blob holds
/// its bytes and their digests. <see cref="BlobId"/> is null until the first upload completes.
/// </summary>
public sealed record StoredObject(
    string Key,
    string AccountId,
    string InstanceId,
    string Kind,
    string DriverId,
    string DriverVersion,
    string EdgeInstanceId,
    string FileName,
    long PresignedMs,
    string? BlobId = null,
    long Length = 0,
    string Md5Hex = "",
    string Sha256Hex = "",
    string ContentType = "",
    long UploadedMs = 0)
{
    public bool IsUploaded => BlobId is not null;
}
