namespace EdgeRegistry.Storage.Migration;

public enum MigrationFailure
{
    /// <summary>The data dir has no embedded database, or one this edgereg cannot read.</summary>
    BadSource,

    /// <summary>The embedded database is being written (a server still running on it).</summary>
    SourceInUse,

    /// <summary>The target database already holds an installation.</summary>
    TargetNotEmpty,

    /// <summary>A package's bytes differ from the digest recorded when it was uploaded, or did not arrive whole.</summary>
    DigestMismatch,

    /// <summary>A table's row count differs between source and target after the copy.</summary>
    CountMismatch,
}

/// <summary>Why <c>edgereg migrate</c> stopped; nothing was committed to the target.</summary>
public sealed class MigrationException(MigrationFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public MigrationFailure Failure { get; } = failure;
}
