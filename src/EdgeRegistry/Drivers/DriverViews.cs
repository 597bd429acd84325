using System.Globalization;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Drivers;

/// <summary>A driver as QueryEdgeDriver and BatchGetEdgeDriver list it; <c>IsApply</c> is in QueryEdgeDriver's model only.</summary>
public sealed record DriverView(Driver Driver, bool WithIsApply) : IRenderedWireObject
{
    /// <summary>Every driver created through the API is a custom driver (Type 1); official drivers are Type 0.</summary>
    public const int CustomType = 1;

    // Only QueryEdgeDriver's pages are cached, and they list drivers with IsApply: one render per driver is enough.
    public WireRender? Render => WithIsApply ? WireRender.Of(Driver) : null;

    public string? Fresh => null;

    public void WriteTo(IWireWriter w) => WriteTo(w, fresh: null);

    public void WriteTo(IWireWriter w, string? fresh)
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
/// <c>temporaryOssAddress</c>: a download link made fresh for this response, valid five minutes (the one part of a
/// cached version's render made per answer).
/// </summary>
public sealed class DriverVersionView(DriverVersion version, IObjectLinks links) : IRenderedWireObject
{
    public WireRender? Render => WireRender.Of(version);

    public string? Fresh { get; } = version.SourceObjectKey is { } key ? links.Presigned(key, "GET") : null;

    public void WriteTo(IWireWriter w) => WriteTo(w, Fresh);

    public void WriteTo(IWireWriter w, string? fresh)
    {
        var c = version.Content;
        w.String("DriverId", version.DriverId);
        w.String("DriverVersion", version.Version);
        w.String("VersionState", version.Published ? "1" : "0");
        w.String("EdgeVersion", c.EdgeVersion);
        w.String("Description", c.Description);
        w.String("SourceConfig", fresh is not null
            ? TemporaryOssAddress.AddTo(c.SourceConfig, fresh)
            : TemporaryOssAddress.WithoutStoredLink(c.SourceConfig));
        w.String("DriverConfig", c.DriverConfig);
        w.String("ContainerConfig", c.ContainerConfig);
        w.String("ConfigCheckRule", c.ConfigCheckRule);
        w.String("Argument", c.Argument);
        WireTimes.Write(w, version.CreatedMs, version.ModifiedMs);
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
