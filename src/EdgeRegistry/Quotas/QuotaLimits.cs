using System.Collections.Frozen;

namespace EdgeRegistry.Quotas;

/// <summary>
/// An immutable snapshot of every limit: the reference limits of api.md section 6 and the per-account overrides.
/// Lookups take no lock and allocate nothing; a change builds a new snapshot (see <see cref="QuotaLimitsSource"/>).
/// </summary>
public sealed class QuotaLimits
{
    /// <summary>
    /// For an action section 6 does not list. The seed document's general rule is "Each Alibaba Cloud account can
    /// run a maximum of 10 queries per second", so 10.
    /// </summary>
    public const int UnlistedActionLimit = 10;

    /// <summary>api.md section 6, calls per second per account.</summary>
    public static readonly FrozenDictionary<string, int> Reference = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["CreateEdgeDriver"] = 10,
        ["CreateEdgeDriverVersion"] = 10,
        ["UpdateEdgeDriverVersion"] = 10,
        ["GetEdgeDriverVersion"] = 10,
        ["QueryEdgeDriverVersion"] = 10,
        ["DeleteEdgeDriverVersion"] = 10,
        ["ReleaseEdgeDriverVersion"] = 10,
        ["QueryEdgeDriver"] = 5,
        ["BatchGetEdgeDriver"] = 5,
        ["DeleteEdgeDriver"] = 5,
        ["CreateEdgeOssPreSignedAddress"] = 5,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, AccountQuotas> _overrides;

    public QuotaLimits(IEnumerable<KeyValuePair<string, AccountQuotas>> overrides) =>
        _overrides = overrides.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The reference limits for everyone.</summary>
    public static QuotaLimits Default { get; } = new([]);

    /// <summary>Accounts whose limits differ from the reference, by account id.</summary>
    public IReadOnlyDictionary<string, AccountQuotas> Overrides => _overrides;

    public QuotaLimit For(string accountId, string action) =>
        (_overrides.TryGetValue(accountId, out var account) ? account.For(action) : null) ?? ReferenceFor(action);

    public static QuotaLimit ReferenceFor(string action) =>
        QuotaLimit.PerSecond(Reference.TryGetValue(action, out var calls) ? calls : UnlistedActionLimit);

    /// <summary>A new snapshot with the account's overrides replaced, or removed when <paramref name="quotas"/> is null.</summary>
    public QuotaLimits WithAccount(string accountId, AccountQuotas? quotas)
    {
        var overrides = new Dictionary<string, AccountQuotas>(_overrides, StringComparer.Ordinal);
        if (quotas is null)
        {
            overrides.Remove(accountId);
        }
        else
        {
            overrides[accountId] = quotas;
        }

        return new QuotaLimits(overrides);
    }
}
