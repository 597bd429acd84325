namespace EdgeRegistry.Fuzz;

/// <summary>What came back: a status, or none when the server closed or the request timed out.</summary>
public sealed record RawResponse(int Status, string Head, byte[] Body, bool TimedOut, string? Error)
{
    public static RawResponse Closed(string error) => new(0, "", [], false, error);

    public static RawResponse Timeout() => new(0, "", [], true, "no answer within the per-request timeout");

    public string Label => TimedOut ? "timeout" : Status == 0 ? "closed" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
