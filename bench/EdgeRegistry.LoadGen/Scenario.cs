namespace EdgeRegistry.LoadGen;

/// <summary>What a scenario's requests can be built from.</summary>
public sealed record ScenarioInputs(RequestFactory Requests, DataSets Data, string RunId);

/// <summary>
/// One measured load: how to build its i-th request, the answer that counts as success, the data it needs, and
/// whether a request may be sent twice (only those the server never remembers: health checks, bad signatures).
/// </summary>
public sealed record Scenario(
    string Name,
    string Title,
    DataNeeds Needs,
    Expectation Expect,
    bool Reusable,
    Func<ScenarioInputs, int, byte[]> Make)
{
    /// <summary>Distinct requests in a reusable pool.</summary>
    public const int ReusablePoolSize = 1_000;
}
