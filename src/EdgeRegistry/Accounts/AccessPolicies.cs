using System.Collections.Concurrent;
using EdgeRegistry.Accounts.Policies;
using EdgeRegistry.Changes;

namespace EdgeRegistry.Accounts;

/// <summary>
/// The RAM permission check of the request path: the parsed policies of each RAM user, remembered briefly (a
/// request must not parse JSON documents), forgotten as soon as the change feed says they changed.
/// </summary>
public sealed class AccessPolicies
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Account, string User), (IReadOnlyList<PolicyDocument> Policies, DateTimeOffset Until)> _cache = new();
    private readonly IAdminStore store;
    private readonly TimeProvider time;

    public AccessPolicies(IAdminStore store, TimeProvider time, IChangeFeed changes)
    {
        (this.store, this.time) = (store, time);
        changes.Subscribe((change, token) =>
        {
            if (change is UserPoliciesChanged policies)
            {
                Forget(policies.AccountId);
            }
            else if (change is CachesMayBeStale)
            {
                _cache.Clear();
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Why a document cannot be stored, or null when it parses.</summary>
    public static string? Validate(string document) => PolicyDocument.Parse(document) is { IsValid: false } result ? result.Message : null;

    public async ValueTask<bool> AllowsAsync(string accountId, string userName, string action, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue((accountId, userName), out var cached) || cached.Until <= now)
        {
            var documents = await store.UserPolicyDocumentsAsync(accountId, userName, cancellationToken);
            // Stored documents were validated when put; one that no longer parses grants nothing.
            cached = ([.. documents.Select(PolicyDocument.Parse).Where(r => r.IsValid).Select(r => r.Document!)], now + Lifetime);
            _cache[(accountId, userName)] = cached;
        }

        return PolicyEvaluator.Evaluate(cached.Policies, action, accountId) == PolicyDecision.Allow;
    }

    private void Forget(string accountId)
    {
        foreach (var key in _cache.Keys.Where(k => k.Account == accountId))
        {
            _cache.TryRemove(key, out _);
        }
    }
}
