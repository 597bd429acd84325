using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace EdgeRegistry.Storage.Sqlite;

/// <summary>
/// Nonces accepted but not yet in the <c>nonces</c> table. Every write transaction writes them first
/// (<see cref="SqliteWrite"/>): a request that writes through one was authenticated before its write began, so its
/// nonce commits with its change, and a crash cannot keep the one and lose the other. What read requests add is
/// written by <see cref="SqliteNonceStore"/>'s flush a few milliseconds later. Only the holder of the write gate
/// takes nonces out, so none is taken by one transaction while another commits without it.
/// </summary>
internal sealed class SqliteNonceJournal
{
    private const string Insert = "INSERT INTO nonces (fingerprint, expires_ms) VALUES ($fingerprint, $expires)";

    private readonly ConcurrentQueue<(long ExpiresMs, long Fingerprint)> _queued = new();

    public bool IsEmpty => _queued.IsEmpty;

    public void Add(long expiresMs, long fingerprint) => _queued.Enqueue((expiresMs, fingerprint));

    /// <summary>Writes every queued nonce in the transaction; returns them, to be given back if it does not commit.</summary>
    public List<(long ExpiresMs, long Fingerprint)>? WriteQueued(SqliteSession session, SqliteTransaction transaction)
    {
        if (_queued.IsEmpty)
        {
            return null;
        }

        var taken = new List<(long ExpiresMs, long Fingerprint)>();
        try
        {
            while (_queued.TryDequeue(out var nonce))
            {
                taken.Add(nonce);
                session.Run(transaction, Insert, ("$expires", nonce.ExpiresMs), ("$fingerprint", nonce.Fingerprint));
            }
        }
        catch
        {
            GiveBack(taken);
            throw;
        }

        return taken;
    }

    /// <summary>Queues nonces again whose transaction rolled back, for the next write to take.</summary>
    public void GiveBack(List<(long ExpiresMs, long Fingerprint)> taken)
    {
        foreach (var nonce in taken)
        {
            _queued.Enqueue(nonce);
        }
    }
}
