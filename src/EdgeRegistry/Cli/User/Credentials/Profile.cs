namespace EdgeRegistry.Cli.User.Credentials;

/// <summary>One named profile of edgereg's profile file: any field may be absent and is then looked for elsewhere.</summary>
public sealed record Profile
{
    public required string Name { get; init; }

    public string? Endpoint { get; init; }

    public string? AccessKeyId { get; init; }

    public string? AccessKeySecret { get; init; }

    /// <summary>The IotInstanceId every call names; absent: the public instance.</summary>
    public string? InstanceId { get; init; }
}

/// <summary>One profile of the aliyun CLI's <c>config.json</c>; only <c>AK</c> profiles hold a usable key pair.</summary>
public sealed record AliyunProfile
{
    public const string AccessKeyMode = "AK";

    public required string Name { get; init; }

    public string? Mode { get; init; }

    public string? AccessKeyId { get; init; }

    public string? AccessKeySecret { get; init; }

    public string? RegionId { get; init; }
}

/// <summary>The aliyun CLI's <c>config.json</c>: the profile it uses unless told otherwise, and every profile.</summary>
public sealed record AliyunConfig(string? Current, IReadOnlyList<AliyunProfile>? Profiles);
