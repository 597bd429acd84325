using System.CommandLine;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Transfer;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary>What <c>versions download</c> saved, and what its digest was checked against ("SHA-256", "MD5" or "none").</summary>
public sealed record DownloadedPackage(string File, long Bytes, string Sha256, string Verified);

/// <summary>
/// <c>edgereg versions download DRIVER_ID VERSION [-o FILE]</c>: GetEdgeDriverVersion for the package's temporary
/// link, then a streamed GET checked against the digest the object store reports.
/// </summary>
public sealed class VersionsDownloadCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();
    private readonly Argument<string> _version = UserArguments.Version();
    private readonly Option<string> _file = new("--output-file", "-o") { Description = "Where to save it (default: the package's file name, here).", HelpName = "FILE" };

    public VersionsDownloadCommand(UserContext context)
        : base("download", "Download a version's code package and check its digest.", context)
    {
        Arguments.Add(_driver);
        Arguments.Add(_version);
        Options.Add(_file);
    }

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var driverId = invocation.Parse.GetRequiredValue(_driver);
        var version = invocation.Parse.GetRequiredValue(_version);
        var found = await invocation.Client.GetVersionAsync(driverId, version, cancellationToken);
        if (PackageSource.Of(found) is not { TemporaryOssAddress: { } link } source || !Uri.TryCreate(link, UriKind.Absolute, out var url))
        {
            throw new AdminCliException(ExitCodes.NotFound, $"version {version} of driver {driverId} has no package to download.");
        }

        var file = invocation.Parse.GetValue(_file) ?? source.FileName
            ?? throw AdminCliException.Usage("the package's address has no file name: name one with -o FILE.");
        var result = await invocation.Transfer.DownloadAsync(url, file, cancellationToken);
        if (result.CheckedAgainst == DigestCheck.None)
        {
            invocation.Environment.Error.WriteLine("edgereg: the server reported no digest of the package, so it was not checked.");
        }

        var verified = result.CheckedAgainst switch { DigestCheck.Sha256 => "SHA-256", DigestCheck.Md5 => "MD5", _ => "none" };
        invocation.Output.Item<DownloadedPackage>(
            new(Path.GetFullPath(file), result.Bytes, result.Sha256Hex, verified),
            new("File", d => d.File),
            new("Bytes", d => d.Bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            new("SHA-256", d => d.Sha256),
            new("Checked against", d => d.Verified == "none" ? "nothing: the server reported no digest" : $"the server's {d.Verified}"));
        return ExitCodes.Ok;
    }
}
