using EdgeRegistry.Drivers;

namespace EdgeRegistry.Storage.Caching;

/// <summary>
/// Estimated bytes an entry keeps alive: two bytes per character of its strings plus a fixed cost per object, and
/// as much again for the renders the wire writers keep with cached records (JSON in UTF-8, XML in UTF-16: about
/// three bytes per character, a little over what the text itself takes). Close enough for a size limit; it errs
/// high for strings shared with other entries and for records rendered in one format only.
/// </summary>
internal static class CacheSizes
{
    private const long PerObject = 64;

    // The text itself (two bytes a character) and its renders (about three), with the render objects' own cost.
    private const long PerCharacter = 5;

    public static long Of(Page<DriverVersion> page)
    {
        long size = 3 * PerObject;
        foreach (var v in page.Items)
        {
            var c = v.Content;
            size += 6 * PerObject + PerCharacter * (v.DriverId.Length + v.Version.Length + (v.SourceObjectKey?.Length ?? 0) +
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
            size += 4 * PerObject + PerCharacter * (d.DriverId.Length + d.Name.Length + d.Protocol.Length + d.Runtime.Length + d.CpuArch.Length);
        }

        return size;
    }
}
