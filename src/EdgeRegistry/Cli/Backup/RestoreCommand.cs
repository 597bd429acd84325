using System.CommandLine;
using System.Globalization;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.Backup;

/// <summary>
/// <c>edgereg restore BACKUP [--data-dir DIR]</c>: a backup made by <c>edgereg backup</c> into a new or empty data dir,
/// every package file checked against its recorded digest. Exit codes: 0 done, 1 failed (a damaged backup; DIR is
/// left empty), 2 bad usage, 3 not a backup, 4 DIR is not empty.
/// </summary>
public sealed class RestoreCommand : Command
{
    private readonly Option<string> _dataDir = new("--data-dir") { Description = "The data dir to restore into: new or empty (default ./data; env EDGEREG_DATA_DIR).", HelpName = "DIR" };
    private readonly Argument<string> _backup = new("BACKUP") { Description = "A folder written by edgereg backup." };
    private readonly AdminEnvironment _environment;

    public RestoreCommand(AdminEnvironment environment)
        : base("restore", """
            Restore a backup made by edgereg backup into a new or empty data dir, checking every package file against
            the SHA-256 its upload recorded; on any mismatch nothing is left behind. Then start edgereg serve on it.
            Exit codes: 0 done, 1 failed (a damaged backup), 2 bad usage, 3 not a backup, 4 the data dir is not empty.
            """)
    {
        _environment = environment;
        Options.Add(_dataDir);
        Arguments.Add(_backup);
        Action = new AdminCommandAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var dataDir = parse.GetValue(_dataDir) ?? (_environment.GetVariable("EDGEREG_DATA_DIR") is { Length: > 0 } env ? env : "./data");
        try
        {
            Hosting.OwnerOnlyFiles.RestrictUmask();
            var result = await DataDirRestore.RestoreAsync(parse.GetValue(_backup)!, dataDir, cancellationToken);
            var m = result.Manifest;
            _environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Restored {m.Drivers} drivers, {m.Versions} versions and {m.PackageFiles} package files ({m.PackageBytes} bytes, digests checked) " +
                $"from the backup of {m.CreatedUtc:yyyy-MM-dd HH:mm:ss}Z into {Path.GetFullPath(dataDir)} in {result.Elapsed.TotalSeconds:0.00} s."));
            return ExitCodes.Ok;
        }
        catch (BackupException e)
        {
            await _environment.Error.WriteLineAsync($"edgereg: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await _environment.Error.WriteLineAsync($"edgereg: restore failed: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
