namespace EdgeRegistry.Cli.Admin.Import;

/// <summary>One thing the import did (or, with --dry-run, would do): create, replace, publish, unchanged, skipped, conflict, refused.</summary>
public sealed record ImportStep(string DriverId, string? Version, string Action, string Detail);

/// <summary>What a run did, counted: what <c>edgereg admin import</c> prints last.</summary>
public sealed record ImportSummary(
    bool DryRun,
    int DriversCreated,
    int DriversUnchanged,
    int VersionsCreated,
    int VersionsReplaced,
    int VersionsUnchanged,
    int Files,
    long Bytes,
    int Skipped,
    int Conflicts,
    int Refused,
    double Seconds);

/// <summary>The steps as they happen, and the counts they add up to.</summary>
public sealed class ImportReport
{
    private readonly List<ImportStep> _steps = [];

    public IReadOnlyList<ImportStep> Steps => _steps;

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    public void Add(string driverId, string? version, string action, string detail) => _steps.Add(new ImportStep(driverId, version, action, detail));

    public void Copied(long bytes)
    {
        Files++;
        Bytes += bytes;
    }

    public bool HasProblems => _steps.Any(s => s.Action is ImportActions.Conflict or ImportActions.Refused);

    public ImportSummary Summarize(bool dryRun, TimeSpan elapsed)
    {
        int Count(string action, bool version) => _steps.Count(s => s.Action == action && (s.Version is not null) == version);
        return new ImportSummary(dryRun, Count(ImportActions.Create, false), Count(ImportActions.Unchanged, false),
            Count(ImportActions.Create, true), Count(ImportActions.Replace, true) + Count(ImportActions.Publish, true),
            Count(ImportActions.Unchanged, true), Files, Bytes, _steps.Count(s => s.Action == ImportActions.Skipped),
            _steps.Count(s => s.Action == ImportActions.Conflict), _steps.Count(s => s.Action == ImportActions.Refused), Math.Round(elapsed.TotalSeconds, 2));
    }
}

public static class ImportActions
{
    public const string Create = "create";
    public const string Replace = "replace";
    public const string Publish = "publish";
    public const string Unchanged = "unchanged";
    public const string Skipped = "skipped";
    public const string Conflict = "conflict";
    public const string Refused = "refused";
}
