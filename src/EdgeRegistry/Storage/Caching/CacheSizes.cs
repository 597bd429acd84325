using EdgeRegistry.Drivers;

namespace EdgeRegistry.Storage.Caching;

/// <summary>
/// Estimated bytes an entry keeps alive: two bytes per character of its strings plus a fixed cost per object.
/// Close enough for a size limit; it errs high for strings shared with other entries.
/// </summary>
internal static class CacheSizes
{
    private const long PerObject = 64;

    public static long Of(Page<DriverVersion> page)
    {
        long size = 3 * PerObject;
        foreach (var v in page.Items)
        {
            var c = v.Content;
            size += 3 * PerObject + 2L * (v.DriverId.Length + v.Version.Length + (v.SourceObjectKey?.Length ?? 0) +
                c.EdgeVersion.Length + c.Description.Length + c.SourceConfig.Length + c.DriverConfig.Length +
                c.ContainerConfig.Length + c.ConfigCheckRule.Length + c.Argument.Length);
        }

        return size;
    }

    public static long Of(Page<Driver> page)
    {
        long size = 3 * PerObject;
        foreach (var d in page.Items)
        {
            size += PerObject + 2L * (d.DriverId.Length + d.Name.Length + d.Protocol.Length + d.Runtime.Length + d.CpuArch.Length);
        }

        return size;
    }
}
