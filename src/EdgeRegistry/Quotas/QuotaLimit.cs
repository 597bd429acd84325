using System.Globalization;

namespace EdgeRegistry.Quotas;

/// <summary>How many calls per second one account may make to one action: a number (0 or more), or unlimited.</summary>
public readonly record struct QuotaLimit
{
    private const int UnlimitedMarker = -1;

    private readonly int _callsPerSecond;

    private QuotaLimit(int callsPerSecond) => _callsPerSecond = callsPerSecond;

    /// <summary>No quota: the gate does not count such calls at all.</summary>
    public static QuotaLimit Unlimited { get; } = new(UnlimitedMarker);

    public bool IsUnlimited => _callsPerSecond == UnlimitedMarker;

    /// <summary>The limit; <see cref="int.MaxValue"/> when <see cref="IsUnlimited"/>.</summary>
    public int CallsPerSecond => IsUnlimited ? int.MaxValue : _callsPerSecond;

    /// <summary>A limit of <paramref name="calls"/> per second; 0 refuses every call.</summary>
    public static QuotaLimit PerSecond(int calls) =>
        calls >= 0 ? new(calls) : throw new ArgumentOutOfRangeException(nameof(calls), calls, "A quota is 0 or more calls per second.");

    /// <summary>Reads what <see cref="ToString"/> writes: <c>unlimited</c>, or a whole number of calls per second.</summary>
    public static bool TryParse(string? text, out QuotaLimit limit)
    {
        limit = default;
        if (string.Equals(text, "unlimited", StringComparison.OrdinalIgnoreCase))
        {
            limit = Unlimited;
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var calls))
        {
            limit = new(calls);
            return true;
        }

        return false;
    }

    public override string ToString() => IsUnlimited ? "unlimited" : _callsPerSecond.ToString(CultureInfo.InvariantCulture);
}
