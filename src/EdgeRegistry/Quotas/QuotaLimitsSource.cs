namespace EdgeRegistry.Quotas;

/// <summary>
/// The current <see cref="QuotaLimits"/>, swapped whole when overrides are loaded or changed, so that a request
/// reads one consistent snapshot without a lock.
/// </summary>
public sealed class QuotaLimitsSource(QuotaLimits initial)
{
    private QuotaLimits _current = initial;

    public QuotaLimitsSource()
        : this(QuotaLimits.Default)
    {
    }

    public QuotaLimits Current => Volatile.Read(ref _current);

    public void Replace(QuotaLimits limits) => Volatile.Write(ref _current, limits);

    /// <summary>Applies a change to the current snapshot; concurrent updates are retried, none is lost.</summary>
    public QuotaLimits Update(Func<QuotaLimits, QuotaLimits> change)
    {
        while (true)
        {
            var before = Current;
            var after = change(before);
            if (Interlocked.CompareExchange(ref _current, after, before) == before)
            {
                return after;
            }
        }
    }
}
