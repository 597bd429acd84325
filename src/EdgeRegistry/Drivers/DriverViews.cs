using System.Globalization;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Drivers;

/// <summary>A driver as QueryEdgeDriver and BatchGetEdgeDriver list it; <c>IsApply</c> is in QueryEdgeDriver's model only.</summary>
public sealed record DriverView(Driver Driver, bool WithIsApply) : IWireObject
{
    /// <summary>Every driver created through the API is a custom driver (Type 1); official drivers are Type 0.</summary>
    public const int CustomType = 1;

    public void WriteTo(IWireWriter w)
    {
        w.String("DriverId", Driver.DriverId);
        w.String("DriverName", Driver.Name);
        w.String("DriverProtocol", Driver.Protocol);
        w.String("Runtime", Driver.Runtime);
        w.String("CpuArch", Driver.CpuArch);
        w.Boolean("IsBuiltIn", Driver.IsBuiltIn);
        w.Number("Type", CustomType);
        if (WithIsApply)
        {
            // No edge instances exist in EdgeRegistry yet, so no driver is applied to one.
            w.Boolean("IsApply", false);
        }

        WireTimes.Write(w, Driver.CreatedMs, Driver.ModifiedMs);
    }
}

/// <summary>
/// A version as Get and QueryEdgeDriverVersion return it. When a code package is stored, SourceConfig gains a
/// <c>temporaryOssAddress</c>: a download link made fresh for this response, valid five minutes.
/// </summary>
public sealed record DriverVersionView(DriverVersion Version, IObjectLinks Links) : IWireObject
{
    public void WriteTo(IWireWriter w)
    {
        var c = Version.Content;
        w.String("DriverId", Version.DriverId);
        w.String("DriverVersion", Version.Version);
        w.String("VersionState", Version.Published ? "1" : "0");
        w.String("EdgeVersion", c.EdgeVersion);
        w.String("Description", c.Description);
        w.String("SourceConfig", Version.SourceObjectKey is { } key
            ? TemporaryOssAddress.AddTo(c.SourceConfig, Links.Presigned(key, "GET"))
            : TemporaryOssAddress.WithoutStoredLink(c.SourceConfig));
        w.String("DriverConfig", c.DriverConfig);
        w.String("ContainerConfig", c.ContainerConfig);
        w.String("ConfigCheckRule", c.ConfigCheckRule);
        w.String("Argument", c.Argument);
        WireTimes.Write(w, Version.CreatedMs, Version.ModifiedMs);
    }
}

/// <summary>Both time forms of api.md section 4: Unix milliseconds, and <c>yyyy-MM-dd HH:mm:ss</c> in UTC.</summary>
public static class WireTimes
{
    public static void Write(IWireWriter w, long createdMs, long modifiedMs)
    {
        w.Number("GmtCreateTimestamp", createdMs);
        w.Number("GmtModifiedTimestamp", modifiedMs);
        w.String("GmtCreate", Format(createdMs));
        w.String("GmtModified", Format(modifiedMs));
    }

    public static string Format(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
