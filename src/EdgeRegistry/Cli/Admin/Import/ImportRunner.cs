using System.Net;
using EdgeRegistry.Admin;
using EdgeRegistry.Cli.Admin.Client;
using EdgeRegistry.Cli.User.Client;
using Spectre.Console;

namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>
/// Brings every custom driver of the source into the target under its DriverId, oldest first, each version with its
/// files. What exists at the target already is compared, never overwritten blindly: equal → unchanged; an
/// unpublished version that differs → replaced; a driver with other fields or a published version that differs →
/// a conflict, reported and left alone. With <c>dryRun</c> it reads both sides and writes nothing.
/// </summary>
public sealed class ImportRunner(ImportSource source, ImportTarget target, ImportReport report, bool dryRun, IAnsiConsole? progress)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var official in await source.OfficialDriversAsync(cancellationToken))
        {
            report.Add(official.DriverId, null, ImportActions.Skipped, $"official driver \"{official.DriverName}\" (Type 0): not imported");
        }

        var drivers = (await source.CustomDriversAsync(cancellationToken)).OrderBy(d => d.GmtCreateTimestamp).ToList();
        for (var i = 0; i < drivers.Count; i++)
        {
            progress?.MarkupLine($"[grey]driver {i + 1}/{drivers.Count}[/] {Markup.Escape(drivers[i].DriverId)} {Markup.Escape(drivers[i].DriverName)}");
            await ImportDriverAsync(drivers[i], cancellationToken);
        }
    }

    private async Task ImportDriverAsync(IotDriver driver, CancellationToken cancellationToken)
    {
        var id = driver.DriverId;
        AdminImportEndpoints.StoredDriver? existing;
        try
        {
            existing = await target.GetDriverAsync(id, cancellationToken);
        }
        catch (AdminApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            report.Add(id, null, ImportActions.Refused, e.Message);
            return;
        }

        var wanted = new AdminImportEndpoints.ImportedDriver(driver.DriverName, driver.DriverProtocol, driver.Runtime, driver.CpuArch ?? "",
            driver.IsBuiltIn, driver.GmtCreateTimestamp, driver.GmtModifiedTimestamp);
        if (existing is null)
        {
            if (!await WriteAsync(id, null, () => target.PutDriverAsync(id, wanted, cancellationToken)))
            {
                return;
            }

            report.Add(id, null, ImportActions.Create, $"\"{driver.DriverName}\" {driver.DriverProtocol}/{driver.Runtime}");
        }
        else if (Differences(existing, wanted) is { Length: > 0 } differences)
        {
            report.Add(id, null, ImportActions.Conflict, $"exists at the target with other fields ({differences}); its versions are not imported");
            return;
        }
        else
        {
            report.Add(id, null, ImportActions.Unchanged, $"\"{driver.DriverName}\"");
        }

        var versions = new ImportVersions(source, target, report, dryRun);
        foreach (var version in await source.VersionsAsync(id, cancellationToken))
        {
            await versions.ImportAsync(version, existing?.Versions.FirstOrDefault(v => v.Version == version.DriverVersion), cancellationToken);
        }
    }

    /// <summary>Runs a write unless this is a dry run; a conflict the target answers is reported, and false returned.</summary>
    private async Task<bool> WriteAsync(string driverId, string? version, Func<Task> write)
    {
        if (dryRun)
        {
            return true;
        }

        try
        {
            await write();
            return true;
        }
        catch (AdminApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            report.Add(driverId, version, e.Code == "DriverIdTaken" ? ImportActions.Refused : ImportActions.Conflict, e.Message);
            return false;
        }
    }

    /// <summary>The fields that differ; the target stores a CPU architecture in its own spelling (AArch64), so case is not one.</summary>
    private static string Differences(AdminImportEndpoints.StoredDriver have, AdminImportEndpoints.ImportedDriver want)
    {
        var fields = new (string Name, object? Have, object? Want)[]
        {
            ("name", have.Name, want.Name), ("protocol", have.Protocol, want.Protocol), ("runtime", have.Runtime, want.Runtime),
            ("cpuArch", have.CpuArch.ToUpperInvariant(), want.CpuArch?.ToUpperInvariant()), ("isBuiltIn", have.IsBuiltIn, want.IsBuiltIn),
            ("createdMs", have.CreatedMs, want.CreatedMs), ("modifiedMs", have.ModifiedMs, want.ModifiedMs),
        };
        return string.Join(", ", fields.Where(f => !Equals(f.Have, f.Want)).Select(f => $"{f.Name}: {f.Have} here, {f.Want} at the source"));
    }
}
