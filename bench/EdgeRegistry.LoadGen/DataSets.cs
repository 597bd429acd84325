namespace EdgeRegistry.LoadGen;

/// <summary>Which data a scenario needs; the runner seeds only what the selected scenarios ask for.</summary>
[Flags]
public enum DataNeeds
{
    None = 0,

    /// <summary>Through the API: a driver with 10 versions, empty drivers to write into, and another account's driver.</summary>
    Small = 1,

    /// <summary>Through the store: one driver with <see cref="LoadGenOptions.DeepVersions"/> versions.</summary>
    Deep = 2,

    /// <summary>Through the store: <see cref="LoadGenOptions.WideDrivers"/> drivers of 100 versions each.</summary>
    Wide = 4,
}

/// <summary>The ids the scenarios' requests name, filled in as the data sets are seeded.</summary>
public sealed class DataSets
{
    public const int SmallVersionCount = 10;

    public string SmallDriverId { get; set; } = "";

    public string WriteDriverId { get; set; } = "";

    public string MixedWriteDriverId { get; set; } = "";

    /// <summary>A driver of another account, which the benchmark's key must not be able to tell from a made-up id.</summary>
    public string ForeignDriverId { get; set; } = "";

    /// <summary>A DriverId nothing has.</summary>
    public string UnknownDriverId { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public string DeepDriverId { get; set; } = "";

    public int DeepVersionCount { get; set; }

    public IReadOnlyList<string> WideDriverIds { get; set; } = [];

    /// <summary>The OssAddress of the code package uploaded for each API-seeded driver.</summary>
    public Dictionary<string, string> PackageAddresses { get; } = new(StringComparer.Ordinal);

    public static string SmallVersion(int i) => $"1.0.{i}";

    public static string DeepVersion(int i) => $"v{i:D7}";

    public static string WideVersion(int i) => $"2.{i / 10}.{i % 10}";
}
