using System.CommandLine;
using System.Globalization;
using EdgeRegistry.Cli.Admin;

namespace EdgeRegistry.Cli.Backup;

/// <summary>
/// <c>edgereg backup [--data-dir DIR] OUT</c>: a consistent snapshot of an embedded data dir, also while a server
/// serves from it. Exit codes: 0 done, 1 failed (a damaged data dir), 2 bad usage, 3 no database in DIR,
/// 4 OUT exists and is not empty.
/// </summary>
public sealed class BackupCommand : Command
{
    private readonly Option<string> _dataDir = new("--data-dir") { Description = "The embedded server's data dir (default ./data; env EDGEREG_DATA_DIR).", HelpName = "DIR" };
    private readonly Argument<string> _output = new("OUT") { Description = "A new or empty folder to write the backup to." };
    private readonly AdminEnvironment _environment;

    public BackupCommand(AdminEnvironment environment)
        : base("backup", """
            Back up an embedded data dir (database, package files, master.key and the other secret files) into the
            folder OUT, consistently, also while a server serves from it: its writes wait while the database is copied
            and the package files are hard-linked (copied when OUT is on another filesystem). Restore with edgereg restore.
            Exit codes: 0 done, 1 failed, 2 bad usage, 3 no database in the data dir, 4 OUT is not empty.
            """)
    {
        _environment = environment;
        Options.Add(_dataDir);
        Arguments.Add(_output);
        Action = new AdminCommandAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var dataDir = parse.GetValue(_dataDir) ?? (_environment.GetVariable("EDGEREG_DATA_DIR") is { Length: > 0 } env ? env : "./data");
        try
        {
            Hosting.OwnerOnlyFiles.RestrictUmask();
            var result = await DataDirBackup.CreateAsync(dataDir, parse.GetValue(_output)!, cancellationToken);
            var m = result.Manifest;
            _environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Backed up {m.Drivers} drivers, {m.Versions} versions and {m.PackageFiles} package files ({m.PackageBytes} bytes, " +
                $"{(result.PackageFilesLinked ? "hard-linked" : "copied")}) to {Path.GetFullPath(parse.GetValue(_output)!)} " +
                $"in {result.Elapsed.TotalSeconds:0.00} s; writes waited {result.WritesPaused.TotalSeconds:0.00} s."));
            if (!m.SecretFiles.Contains(Hosting.MasterKey.FileName))
            {
                _environment.Out.WriteLine($"No {Hosting.MasterKey.FileName} in the data dir: a server on the restored dir needs the same {Hosting.MasterKey.EnvironmentVariable}.");
            }

            return ExitCodes.Ok;
        }
        catch (BackupException e)
        {
            await _environment.Error.WriteLineAsync($"edgereg: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await _environment.Error.WriteLineAsync($"edgereg: backup failed: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
