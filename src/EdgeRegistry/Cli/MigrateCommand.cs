using System.CommandLine;
using System.Globalization;
using EdgeRegistry.Cli.Admin;
using EdgeRegistry.Coordination;
using EdgeRegistry.Hosting;
using EdgeRegistry.Storage;
using EdgeRegistry.Storage.Migration;
using Npgsql;

namespace EdgeRegistry.Cli;

/// <summary>
/// <c>edgereg migrate</c>: moves a stopped embedded installation into an empty scale-out database (see
/// <see cref="EmbeddedMigration"/>). Exit codes: 0 copied and verified; 1 a package or table failed verification,
/// or PostgreSQL refused a row;
/// 2 bad arguments or a data dir that is not an installation this edgereg can read; 4 the target is not empty, or
/// the embedded database is in use; 6 PostgreSQL or Redis cannot be reached. Nothing is committed unless 0.
/// </summary>
public static class MigrateCommand
{
    public static Command Create(AdminEnvironment environment)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "The embedded installation's data dir (default ./data), its server stopped.", HelpName = "DIR" };
        var postgres = new Option<string>("--postgres") { Description = "The Npgsql connection string of the EMPTY scale-out database (env EDGEREG_POSTGRES).", HelpName = "CONNECTION" };
        var redis = new Option<string>("--redis") { Description = "The replicas' StackExchange.Redis configuration, checked reachable (env EDGEREG_REDIS).", HelpName = "CONFIGURATION" };
        var command = new Command("migrate", "Copy a stopped embedded installation into an empty scale-out PostgreSQL, verifying every table and package.")
        {
            dataDir, postgres, redis,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(environment,
            parse.GetValue(dataDir) ?? environment.GetVariable("EDGEREG_DATA_DIR") ?? "./data",
            parse.GetValue(postgres) ?? environment.GetVariable("EDGEREG_POSTGRES"),
            parse.GetValue(redis) ?? environment.GetVariable("EDGEREG_REDIS"),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(AdminEnvironment environment, string dataDir, string? postgres, string? redis, CancellationToken cancellationToken)
    {
        var error = environment.Error;
        if (postgres is null || redis is null)
        {
            await error.WriteLineAsync("edgereg migrate: --postgres and --redis are required (the scale-out pair the replicas will use).");
            return ExitCodes.BadUsage;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(postgres);
            var masterKey = LoadMasterKey(dataDir, environment.GetVariable(MasterKey.EnvironmentVariable));
            await CheckRedisAsync(redis, cancellationToken);
            var result = await EmbeddedMigration.RunAsync(dataDir, postgres, masterKey, cancellationToken);
            await ReportAsync(environment.Out, dataDir, result);
            return ExitCodes.Ok;
        }
        catch (MigrationException e)
        {
            await error.WriteLineAsync($"edgereg migrate: {e.Message}");
            return e.Failure switch
            {
                MigrationFailure.BadSource => ExitCodes.BadUsage,
                MigrationFailure.TargetNotEmpty or MigrationFailure.SourceInUse => ExitCodes.Conflict,
                _ => ExitCodes.Failed,
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            await error.WriteLineAsync($"edgereg migrate: {e.Message}");
            return ExitCodes.BadUsage;
        }
        catch (PostgresException e)
        {
            // The server answered but refused a row or a statement (a constraint the embedded schema does not have,
            // a missing permission): the copy was rolled back.
            await error.WriteLineAsync($"edgereg migrate: PostgreSQL refused the copy: {e.MessageText}{(e.TableName is { } table ? $" (table {table})" : "")}. Nothing was migrated.");
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is NpgsqlException or StoreUnavailableException or System.Net.Sockets.SocketException)
        {
            await error.WriteLineAsync($"edgereg migrate: cannot reach the target: {e.Message}. Nothing was migrated.");
            return ExitCodes.ServerUnreachable;
        }
    }

    /// <summary>The key the secrets were sealed with; never made here (a new key would open none of them).</summary>
    private static byte[] LoadMasterKey(string dataDir, string? configured)
    {
        if (configured is null && !File.Exists(Path.Combine(dataDir, MasterKey.FileName)))
        {
            throw new MigrationException(MigrationFailure.BadSource,
                $"{Path.GetFullPath(Path.Combine(dataDir, MasterKey.FileName))} does not exist and {MasterKey.EnvironmentVariable} is not set: the installation's master key is needed to check its secrets.");
        }

        return MasterKey.Load(new ServerSettings { DataDir = dataDir, MasterKey = configured });
    }

    /// <summary>Nothing is copied to Redis (it holds only counters, nonces and notifications), but a pair that cannot work is better found now.</summary>
    private static async Task CheckRedisAsync(string redis, CancellationToken cancellationToken)
    {
        await using var connection = new RedisConnection(redis);
        await connection.RunAsync(0, static (db, _) => db.PingAsync(), cancellationToken);
    }

    private static async Task ReportAsync(TextWriter output, string dataDir, MigrationResult result)
    {
        foreach (var (table, rows) in result.Rows)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{table,-16} {rows,10} rows"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"packages         {result.Blobs,10} blobs, {result.Bytes} bytes, SHA-256 verified on the target"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Migrated and verified in {result.Elapsed.TotalSeconds:0.0} s."));
        await output.WriteLineAsync(
            $"Start every replica with {MasterKey.EnvironmentVariable} set to the contents of {Path.GetFullPath(Path.Combine(dataDir, MasterKey.FileName))} " +
            "(unless it was already set): the copied AccessKey secrets and link key are sealed with it.");
    }
}
