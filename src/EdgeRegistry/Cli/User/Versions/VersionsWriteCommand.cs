using System.CommandLine;
using System.Globalization;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Cli.User.Transfer;

namespace EdgeRegistry.Cli.User.Versions;

/// <summary>
/// <c>edgereg versions create|update DRIVER_ID VERSION --edge-version E [--package FILE] […]</c>:
/// Create/UpdateEdgeDriverVersion. One class for both: they take the same parameters, and update is a full replace.
/// With <c>--package</c> the file goes up first (CreateEdgeOssPreSignedAddress, then a PUT), and the version names it.
/// </summary>
public sealed class VersionsWriteCommand : UserLeafCommand
{
    private readonly Argument<string> _driver = UserArguments.Driver();
    private readonly Argument<string> _version = new("VERSION") { Description = "1-64 letters, digits, '_', '.' and '-', e.g. 1.0.0." };
    private readonly VersionOptions _options = new();
    private readonly bool _replace;

    public VersionsWriteCommand(UserContext context, bool replace)
        : base(
            replace ? "update" : "create",
            replace
                ? "Replace an unpublished version whole: every option left out is cleared, the package included."
                : "Create an unpublished version, uploading its package first with --package.",
            context)
    {
        _replace = replace;
        Arguments.Add(_driver);
        Arguments.Add(_version);
        foreach (var option in _options.All)
        {
            Options.Add(option);
        }
    }

    protected override string? Validate(ParseResult parse) =>
        parse.GetValue(_options.Package) is { } file && !File.Exists(file) ? $"--package: there is no file {file}." : null;

    protected override async Task<int> ExecuteAsync(UserInvocation invocation, CancellationToken cancellationToken)
    {
        var parse = invocation.Parse;
        var driverId = parse.GetRequiredValue(_driver);
        var version = parse.GetRequiredValue(_version);
        // Read every @FILE before anything is uploaded, so a typo costs no transfer.
        var content = _options.Content(parse, sourceConfig: null);
        if (parse.GetValue(_options.Package) is { } package)
        {
            var address = await UploadAsync(invocation, driverId, version, package, cancellationToken);
            content = content with { SourceConfig = PackageSource.SourceConfigFor(address) };
        }

        await invocation.Client.WriteVersionAsync(driverId, version, content, _replace, cancellationToken);
        invocation.Output.Item(await invocation.Client.GetVersionAsync(driverId, version, cancellationToken), VersionFields.All);
        return ExitCodes.Ok;
    }

    /// <summary>Presigns, uploads and reports the upload on stderr (stdout carries only the version); returns the object's address.</summary>
    private static async Task<string> UploadAsync(UserInvocation invocation, string driverId, string version, string file,
        CancellationToken cancellationToken)
    {
        var presigned = await invocation.Client.PresignPackageAsync(driverId, version, Path.GetFileName(file), cancellationToken);
        if (!Uri.TryCreate(presigned.OssPreSignedAddress, UriKind.Absolute, out var link))
        {
            throw new AdminCliException(ExitCodes.Failed, $"the server handed out an upload link that is not a URL: '{presigned.OssPreSignedAddress}'.");
        }

        var uploaded = await invocation.Transfer.UploadAsync(link, file, cancellationToken);
        invocation.Environment.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Uploaded {Path.GetFileName(file)}: {uploaded.Bytes:N0} bytes, SHA-256 {uploaded.Sha256Hex}{Checked(uploaded.CheckedAgainst)}."));
        return presigned.OssAddress;
    }

    internal static string Checked(DigestCheck check) => check switch
    {
        DigestCheck.Sha256 => ", the same as the server's",
        DigestCheck.Md5 => " (the server's MD5 ETag matches)",
        _ => " (the server reported no digest to check)",
    };
}
