using System.Security.Cryptography;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// README "Configuration": a server started with a master key other than the one its secrets were sealed with
/// refuses to start (exit 3, a message saying what to do) rather than failing every request; the right key, from the
/// file or from <c>EDGEREG_MASTER_KEY</c>, starts it.
/// </summary>
public sealed class MasterKeyTests
{
    private const string Refusal = "edgereg: cannot start: The master key does not open the secrets in this database";

    [Fact]
    public async Task A_master_key_that_does_not_match_the_data_dir_refuses_to_start()
    {
        using var dir = new WorkDir();
        string[] args = ["--listen", "127.0.0.1:0", "--data-dir", dir["data"]];
        await using (var first = ServerProcess.Start(dir.Root, args))
        {
            await first.ListeningAsync();
        }

        var keyFile = Path.Combine(dir["data"], "master.key");
        var original = (await File.ReadAllTextAsync(keyFile)).Trim();
        var other = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        await RefusedAsync(dir, args, new Dictionary<string, string> { ["EDGEREG_MASTER_KEY"] = other });

        await File.WriteAllTextAsync(keyFile, other);
        await RefusedAsync(dir, args, []);

        // The right key in the environment beats the wrong file, and the restored file starts it on its own.
        await using (var fromEnvironment = ServerProcess.Start(dir.Root, args, new Dictionary<string, string> { ["EDGEREG_MASTER_KEY"] = original }))
        {
            await fromEnvironment.ListeningAsync();
        }

        await File.WriteAllTextAsync(keyFile, original);
        await using var restored = ServerProcess.Start(dir.Root, args);
        await restored.ListeningAsync();
    }

    private static async Task RefusedAsync(WorkDir dir, string[] args, Dictionary<string, string> environment)
    {
        await using var server = ServerProcess.Start(dir.Root, args, environment);

        Assert.Equal(3, await server.ExitCodeAsync());
        Assert.Contains(server.Lines, l => l.StartsWith(Refusal, StringComparison.Ordinal));
        Assert.DoesNotContain("listening on", server.Output, StringComparison.Ordinal);
    }
}
