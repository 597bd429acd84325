using System.Net;
using EdgeRegistry.Admin;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.User.Client;
using EdgeRegistry.Packages;

namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>
/// One version at a time: compares the source's with the target's (URLs differ between the two, so files are
/// compared by SHA-256), then copies its files and writes it when it is new or an unpublished one changed.
/// </summary>
public sealed class ImportVersions(ImportSource source, ImportTarget target, ImportReport report, bool dryRun)
{
    public async Task ImportAsync(IotDriverVersion version, AdminImportEndpoints.StoredVersion? existing, CancellationToken cancellationToken)
    {
        var (id, name) = (version.DriverId, version.DriverVersion);
        var published = version.VersionState == IotDriverVersion.Published;
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        try
        {
            string action;
            if (existing is null)
            {
                action = ImportActions.Create;
            }
            else
            {
                var digests = await SourceDigestsAsync(version, files, cancellationToken);
                var same = Fingerprint(version, digests) == Fingerprint(existing);
                if (existing.Published)
                {
                    report.Add(id, name, same && published ? ImportActions.Unchanged : ImportActions.Conflict, same && published
                        ? "published on both sides"
                        : same ? "published at the target, unpublished at the source: left published" : "published at the target and different at the source: left as it is");
                    return;
                }

                if (same && !published && existing.ModifiedMs == version.GmtModifiedTimestamp)
                {
                    report.Add(id, name, ImportActions.Unchanged, "unpublished on both sides");
                    return;
                }

                action = same && published ? ImportActions.Publish : ImportActions.Replace;
            }

            if (!dryRun)
            {
                await CopyAsync(version, files, cancellationToken);
            }

            report.Add(id, name, action, $"{(published ? "published" : "unpublished")}, {DescribeFiles(version)}");
        }
        catch (AdminApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            report.Add(id, name, ImportActions.Conflict, e.Message);
        }
        catch (AdminCliException e) when (e.ExitCode != ExitCodes.ServerUnreachable)
        {
            // A file the source would not hand over even to its key's signature (a URL it serves to nobody, a link that expired twice).
            report.Add(id, name, ImportActions.Conflict, $"a file could not be read at the source: {e.Message}");
        }
        finally
        {
            foreach (var file in files.Values)
            {
                File.Delete(file.Path);
            }
        }
    }

    private async Task CopyAsync(IotDriverVersion version, Dictionary<string, SourceFile> files, CancellationToken cancellationToken)
    {
        var (id, name) = (version.DriverId, version.DriverVersion);
        string? packageUrl = null;
        if (ImportContent.PackageLink(version.SourceConfig) is { } link)
        {
            packageUrl = await UploadAsync(id, name, ObjectKinds.DriverPackage, await FetchOnceAsync(link, files, cancellationToken), cancellationToken);
        }

        var configUrls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in ImportContent.FileUrls(version.DriverConfig).Distinct())
        {
            configUrls[url] = await UploadAsync(id, name, ObjectKinds.DefaultConfig, await FetchOnceAsync(url, files, cancellationToken), cancellationToken);
        }

        var published = version.VersionState == IotDriverVersion.Published;
        await target.PutVersionAsync(id, name, new AdminImportVersionEndpoints.ImportedVersion(version.EdgeVersion, version.Description,
            ImportContent.SourceConfigWith(version.SourceConfig, packageUrl), ImportContent.DriverConfigWith(version.DriverConfig, url => configUrls[url]),
            version.ContainerConfig, version.ConfigCheckRule, version.Argument, published, version.GmtCreateTimestamp,
            Math.Max(version.GmtModifiedTimestamp, version.GmtCreateTimestamp)), cancellationToken);
    }

    private async Task<string> UploadAsync(string driverId, string version, string kind, SourceFile file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file.Path);
        var url = await target.PutFileAsync(driverId, version, kind, file.FileName, stream, file.Length, file.Sha256Hex, cancellationToken);
        report.Copied(file.Length);
        return url;
    }

    /// <summary>Each source file's SHA-256 by its URL: the store's word for a package when it gives one, else the bytes'.</summary>
    private async Task<Dictionary<string, string>> SourceDigestsAsync(IotDriverVersion version, Dictionary<string, SourceFile> files, CancellationToken cancellationToken)
    {
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ImportContent.PackageLink(version.SourceConfig) is { } link)
        {
            digests[link] = await source.ReportedSha256Async(link, cancellationToken) ?? (await FetchOnceAsync(link, files, cancellationToken)).Sha256Hex;
        }

        foreach (var url in ImportContent.FileUrls(version.DriverConfig))
        {
            digests[url] = (await FetchOnceAsync(url, files, cancellationToken)).Sha256Hex;
        }

        return digests;
    }

    private async Task<SourceFile> FetchOnceAsync(string url, Dictionary<string, SourceFile> files, CancellationToken cancellationToken)
    {
        if (!files.TryGetValue(url, out var file))
        {
            files[url] = file = await source.FetchAsync(url, cancellationToken);
        }

        return file;
    }

    /// <summary>Everything the two sides must agree on, files by digest; URLs and times left out.</summary>
    private static string Fingerprint(IotDriverVersion v, Dictionary<string, string> digests) => Fingerprint(v.EdgeVersion, v.Description,
        ImportContent.SourceConfigWith(v.SourceConfig, ImportContent.PackageLink(v.SourceConfig) is { } link ? "sha256:" + digests[link] : null),
        ImportContent.DriverConfigWith(v.DriverConfig, url => "sha256:" + digests[url]), v.ContainerConfig, v.ConfigCheckRule, v.Argument);

    private static string Fingerprint(AdminImportEndpoints.StoredVersion v)
    {
        var digests = v.Files.ToDictionary(f => f.Url, f => "sha256:" + f.Sha256, StringComparer.Ordinal);
        var package = ImportContent.PackageLink(v.SourceConfig);
        return Fingerprint(v.EdgeVersion, v.Description,
            ImportContent.SourceConfigWith(v.SourceConfig, package is null ? null : digests.GetValueOrDefault(package, "missing")),
            ImportContent.DriverConfigWith(v.DriverConfig, url => digests.GetValueOrDefault(url, "missing")), v.ContainerConfig, v.ConfigCheckRule, v.Argument);
    }

    private static string Fingerprint(params string?[] fields) => string.Join("\u0001", fields.Select(f => ImportContent.Canonical(f)));

    private static string DescribeFiles(IotDriverVersion v)
    {
        var configs = ImportContent.FileUrls(v.DriverConfig).Count;
        return (ImportContent.PackageLink(v.SourceConfig) is null ? "no package" : "a package") + (configs == 0 ? "" : $", {configs} FILE config(s)");
    }
}
