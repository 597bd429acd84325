using System.Globalization;

namespace EdgeRegistry.LoadGen;

/// <summary>Issue 5's scenarios, then the isolation pair, in the order they run, after the baseline.</summary>
public static class ScenarioCatalog
{
    public const string BaselineName = "baseline";
    public const string Query1 = "s1-query-v1";

    private const string PageSize = "10";

    public static readonly Scenario Baseline = new(BaselineName, "GET /health/live (Kestrel + generator ceiling)", DataNeeds.None,
        Expectation.Healthy, Reusable: true, (s, _) => s.Requests.Health());

    public static readonly IReadOnlyList<Scenario> All =
    [
        Query(Query1, "QueryEdgeDriverVersion p1, 10 versions, V1 GET", DataNeeds.Small, s => s.Data.SmallDriverId, _ => 1),
        new("s1-query-v3", "QueryEdgeDriverVersion p1, 10 versions, V3 POST", DataNeeds.Small, Expectation.RpcSuccess, false,
            (s, _) => s.Requests.V3Post("QueryEdgeDriverVersion", QueryParameters(s.Data.SmallDriverId, 1))),
        Query("s2-first-page", "QueryEdgeDriverVersion, deep driver, first page", DataNeeds.Deep, s => s.Data.DeepDriverId, _ => 1),
        Query("s2-middle-page", "QueryEdgeDriverVersion, deep driver, middle page", DataNeeds.Deep, s => s.Data.DeepDriverId, s => s.Data.DeepVersionCount / 20),
        Query("s2-last-page", "QueryEdgeDriverVersion, deep driver, last page", DataNeeds.Deep, s => s.Data.DeepDriverId, s => s.Data.DeepVersionCount / 10),
        new("s2-filter", "QueryEdgeDriverVersion, deep driver, DriverVersion filter", DataNeeds.Deep, Expectation.RpcSuccess, false,
            (s, _) => s.Requests.V1Get("QueryEdgeDriverVersion",
                [.. QueryParameters(s.Data.DeepDriverId, 1), new("DriverVersion", DataSets.DeepVersion(s.Data.DeepVersionCount / 2))])),
        new("s3-random-driver", "QueryEdgeDriverVersion p1 of a random driver among many", DataNeeds.Wide, Expectation.RpcSuccess, false,
            (s, i) => s.Requests.V1Get("QueryEdgeDriverVersion", QueryParameters(s.Data.WideDriverIds[Spread(i, s.Data.WideDriverIds.Count)], 1))),
        new("s4-get-version", "GetEdgeDriverVersion", DataNeeds.Small, Expectation.RpcSuccess, false,
            (s, _) => s.Requests.V1Get("GetEdgeDriverVersion", [new("DriverId", s.Data.SmallDriverId), new("DriverVersion", DataSets.SmallVersion(5))])),
        new("s4-query-driver", "QueryEdgeDriver p1", DataNeeds.Small, Expectation.RpcSuccess, false,
            (s, _) => s.Requests.V1Get("QueryEdgeDriver", [new("CurrentPage", "1"), new("PageSize", PageSize), new("Type", "1")])),
        new("s5-create-version", "CreateEdgeDriverVersion, unique versions", DataNeeds.Small, Expectation.RpcSuccess, false,
            (s, i) => Create(s, s.Data.WriteDriverId, $"w{s.RunId}.{i}")),
        new("s5-mixed-90-10", "90% QueryEdgeDriverVersion / 10% CreateEdgeDriverVersion", DataNeeds.Small, Expectation.RpcSuccess, false,
            (s, i) => i % 10 == 9
                ? Create(s, s.Data.MixedWriteDriverId, $"m{s.RunId}.{i}")
                : s.Requests.V1Get("QueryEdgeDriverVersion", QueryParameters(s.Data.SmallDriverId, 1))),
        new("s6-bad-signature", "Flood of V1 requests with a wrong signature", DataNeeds.Small, Expectation.SignatureDoesNotMatch, true,
            (s, _) => s.Requests.V1GetBadSignature("QueryEdgeDriverVersion", QueryParameters(s.Data.SmallDriverId, 1))),
        // Tenant isolation: another account's id must cost what a made-up one costs, so timing tells nothing (the
        // comparison is judged here, on a quiet machine, not in the parallel unit run).
        NotExist("s7-foreign-id", "GetEdgeDriverVersion of another account's driver (DriverNotExist)", s => s.Data.ForeignDriverId),
        NotExist("s7-unknown-id", "GetEdgeDriverVersion of a made-up DriverId (DriverNotExist)", s => s.Data.UnknownDriverId),
    ];

    public static IEnumerable<string> Names => All.Select(s => s.Name);

    /// <summary>The scenarios to run: all, or the one named.</summary>
    public static IReadOnlyList<Scenario> Select(string? name) => name is null ? All : [.. All.Where(s => s.Name == name)];

    private static Scenario Query(string name, string title, DataNeeds needs, Func<ScenarioInputs, string> driver, Func<ScenarioInputs, int> page) =>
        new(name, title, needs, Expectation.RpcSuccess, false,
            (s, _) => s.Requests.V1Get("QueryEdgeDriverVersion", QueryParameters(driver(s), page(s))));

    private static Scenario NotExist(string name, string title, Func<ScenarioInputs, string> driver) =>
        new(name, title, DataNeeds.Small, Expectation.DriverNotExist, false,
            (s, _) => s.Requests.V1Get("GetEdgeDriverVersion", [new("DriverId", driver(s)), new("DriverVersion", DataSets.SmallVersion(5))]));

    private static KeyValuePair<string, string>[] QueryParameters(string driverId, int page) =>
        [new("DriverId", driverId), new("CurrentPage", page.ToString(CultureInfo.InvariantCulture)), new("PageSize", PageSize)];

    private static byte[] Create(ScenarioInputs s, string driverId, string version) =>
        s.Requests.V1Get("CreateEdgeDriverVersion", SampleContent.VersionParameters(driverId, version, s.Data.PackageAddresses[driverId]));

    /// <summary>A fixed pseudo-random pick (Knuth's multiplicative hash), the same in every run.</summary>
    private static int Spread(int i, int n) => (int)((uint)i * 2654435761u % (uint)n);
}
