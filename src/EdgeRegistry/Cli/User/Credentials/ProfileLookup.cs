using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Client;

namespace EdgeRegistry.Cli.User.Credentials;

/// <summary>
/// The profiles one command may draw on: edgereg's own, and the aliyun CLI's AccessKey profile, so that a user
/// already set up for Alibaba Cloud needs only an endpoint. Files are read only when a value is looked for there.
/// </summary>
public sealed class ProfileLookup
{
    public const string DefaultName = "default";

    private readonly ConfigLocations _locations;
    private readonly string _ownName;
    private readonly Lazy<Profile?> _own;
    private readonly Lazy<(AliyunConfig? File, string Name)> _aliyun;

    /// <param name="explicitName">--profile or EDGEREG_PROFILE; null: edgereg's "default" and the aliyun CLI's current profile.</param>
    /// <param name="aliyunProfileVariable">ALIBABA_CLOUD_PROFILE, which picks the aliyun profile as Alibaba's SDKs do.</param>
    public ProfileLookup(ConfigLocations locations, string? explicitName, string? aliyunProfileVariable)
    {
        _locations = locations;
        _ownName = explicitName ?? DefaultName;
        _own = new(() => locations.ProfileFile is { } path ? ProfileFiles.Read(path).FirstOrDefault(p => p.Name == _ownName) : null);
        _aliyun = new(() =>
        {
            var file = locations.AliyunFile is { } path ? ProfileFiles.ReadAliyun(path) : null;
            return (file, explicitName ?? aliyunProfileVariable ?? file?.Current ?? DefaultName);
        });
        if (explicitName is not null && Own is null && AliyunProfile is null)
        {
            throw AdminCliException.Usage(
                $"no profile '{explicitName}' in {locations.ProfileFile ?? "(no config folder)"} or {locations.AliyunFile ?? "(no home folder)"}; " +
                "'edgereg configure list' shows the profiles there are.");
        }
    }

    public Profile? Own => _own.Value;

    public AliyunProfile? AliyunProfile => _aliyun.Value.File?.Profiles?.FirstOrDefault(p => p.Name == _aliyun.Value.Name);

    public AccessKeyPair? OwnKey => Own is { AccessKeyId: { Length: > 0 } id, AccessKeySecret: { Length: > 0 } secret }
        ? new AccessKeyPair(id, secret, $"profile '{Own.Name}' in {_locations.ProfileFile}")
        : null;

    public AccessKeyPair? AliyunKey => AliyunProfile is { Mode: AliyunProfile.AccessKeyMode, AccessKeyId: { Length: > 0 } id, AccessKeySecret: { Length: > 0 } secret }
        ? new AccessKeyPair(id, secret, $"the aliyun CLI's profile '{AliyunProfile.Name}' in {_locations.AliyunFile}")
        : null;

    /// <summary>Where the profiles were looked for and what was there, for the message when no key was found.</summary>
    public string Describe()
    {
        var own = _locations.ProfileFile is not { } path
            ? "edgereg's profiles (no config folder: set HOME or EDGEREG_CONFIG_DIR)"
            : $"profile '{_ownName}' in {path} ({(!File.Exists(path) ? "no such file" : Own is null ? "no such profile" : "it has no AccessKey")})";
        var aliyunName = _aliyun.Value.Name;
        var aliyun = _locations.AliyunFile is not { } aliyunPath
            ? "the aliyun CLI's profiles (no home folder: set HOME or ALIBABA_CLOUD_CONFIG_FILE)"
            : $"the aliyun CLI's profile '{aliyunName}' in {aliyunPath} ({AliyunState(aliyunPath)})";
        return $"{own}; {aliyun}";
    }

    private string AliyunState(string path) => AliyunProfile switch
    {
        null when !File.Exists(path) => "no such file",
        null => "no such profile",
        { Mode: not AliyunProfile.AccessKeyMode } p => $"its mode is {p.Mode ?? "not set"}; only AK profiles are read",
        _ => "it has no AccessKey",
    };
}
