using System.Collections.Frozen;

namespace EdgeRegistry.Quotas;

/// <summary>
/// One account's overrides of the reference limits. The most specific one wins: a limit for the action, then
/// <see cref="AllActions"/>, then the reference limit of <see cref="QuotaLimits"/>. Immutable once built.
/// </summary>
public sealed class AccountQuotas
{
    private readonly FrozenDictionary<string, QuotaLimit> _actions;

    public AccountQuotas(QuotaLimit? allActions = null, IEnumerable<KeyValuePair<string, QuotaLimit>>? actions = null)
    {
        AllActions = allActions;
        _actions = (actions ?? []).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Test and benchmark accounts: nothing is counted.</summary>
    public static AccountQuotas Unlimited { get; } = new(QuotaLimit.Unlimited);

    /// <summary>Replaces the reference limit of every action without its own entry in <see cref="Actions"/>.</summary>
    public QuotaLimit? AllActions { get; }

    /// <summary>Per-action limits, by wire Action name (case-sensitive, as the action table matches them).</summary>
    public IReadOnlyDictionary<string, QuotaLimit> Actions => _actions;

    internal QuotaLimit? For(string action) =>
        _actions.TryGetValue(action, out var limit) ? limit : AllActions;
}
