using System.Net;
using System.Net.Sockets;

namespace EdgeRegistry.Hosting;

/// <summary>
/// Tries the listen address before anything else happens at start-up, so that a port in use stops the start with one
/// line (and exit code 2) before a root key pair or admin token is created and printed for a server that never ran.
/// Kestrel binds the address again moments later; should another process take it in between, the same error follows.
/// </summary>
public static class ListenCheck
{
    public static void ThrowIfUnusable(IPEndPoint endpoint)
    {
        if (endpoint.Port == 0)
        {
            return; // any free port: nothing to check
        }

        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            socket.Listen();
        }
        catch (SocketException e)
        {
            throw Unusable(endpoint, e);
        }
    }

    /// <summary>The one-line error for a bind that failed, here or in Kestrel; null when <paramref name="e"/> is no such failure.</summary>
    public static ListenAddressUnusableException? FromStartFailure(Exception e, IPEndPoint endpoint)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return Unusable(endpoint, socket);
            }
        }

        return null;
    }

    private static ListenAddressUnusableException Unusable(IPEndPoint endpoint, SocketException e) => new(e.SocketErrorCode switch
    {
        SocketError.AddressAlreadyInUse => $"cannot listen on {endpoint}: the address is already in use (another edgereg serve, or another program, listens there); choose another with --listen.",
        SocketError.AddressNotAvailable => $"cannot listen on {endpoint}: the address is not one of this machine's.",
        SocketError.AccessDenied => $"cannot listen on {endpoint}: permission denied (ports below 1024 need privileges).",
        _ => $"cannot listen on {endpoint}: {e.Message}",
    });
}

/// <summary>The listen address cannot be bound: a configuration problem (exit code 2), not a crash.</summary>
public sealed class ListenAddressUnusableException(string message) : Exception(message);
