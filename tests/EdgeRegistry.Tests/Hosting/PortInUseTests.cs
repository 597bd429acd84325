using System.Net;
using System.Net.Sockets;

namespace EdgeRegistry.Tests.Hosting;

/// <summary>
/// Issue 11, start-up: a listen address in use stops <c>edgereg serve</c> with one line naming the address and exit
/// code 2 — before a data dir, a master key or a root key pair is created, so no credentials are printed for a server
/// that never ran (it used to print new root credentials, then ~9.5 KB of stack traces, exit 3).
/// </summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task A_port_in_use_is_one_line_naming_the_address_exit_2_and_nothing_created()
    {
        using var dir = new WorkDir();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        await using var server = ServerProcess.Start(dir.Root, ["--listen", address, "--data-dir", dir["data"]]);

        Assert.Equal(2, await server.ExitCodeAsync());
        var line = Assert.Single(server.Lines, l => l.Length > 0);
        Assert.Equal($"edgereg: cannot listen on {address}: the address is already in use (another edgereg serve, or another program, listens there); choose another with --listen.", line);
        Assert.DoesNotContain("AccessKeySecret", server.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir["data"]), "the data dir was created for a server that could not listen");
    }

    [Fact]
    public async Task An_address_not_of_this_machine_is_one_line_and_exit_2()
    {
        using var dir = new WorkDir();

        // 192.0.2.0/24 is TEST-NET-1: never an address of this machine.
        await using var server = ServerProcess.Start(dir.Root, ["--listen", "192.0.2.1:8080", "--in-memory"]);

        Assert.Equal(2, await server.ExitCodeAsync());
        Assert.Equal("edgereg: cannot listen on 192.0.2.1:8080: the address is not one of this machine's.", Assert.Single(server.Lines, l => l.Length > 0));
    }
}
