using Microsoft.Net.Http.Headers;

namespace EdgeRegistry.Packages;

/// <summary>
/// What Content-Type an object is stored and served with. The server's origin also serves the console, so a
/// package must never be something a browser renders or runs: an uploaded type is kept only when it is a plain,
/// well-formed media type from a short list of package and config formats; anything else, and anything stored by
/// an older release, is served as <c>application/octet-stream</c>. Downloads also carry
/// <c>Content-Disposition: attachment</c> and <c>nosniff</c> (<see cref="ObjectEndpoints"/>).
/// </summary>
public static class PackageContentType
{
    public const string Default = "application/octet-stream";

    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        Default, "application/zip", "application/x-zip-compressed", "application/gzip", "application/x-gzip",
        "application/x-tar", "application/x-compressed-tar", "application/x-bzip2", "application/x-xz", "application/zstd",
        "application/java-archive", "application/json", "application/x-yaml", "application/yaml", "text/plain",
    };

    /// <summary>The type to store for what an uploader sent: its media type (lower-case, parameters dropped) when allowed.</summary>
    public static string ForUpload(string? sent) =>
        sent is { Length: > 0 and <= 256 } && MediaTypeHeaderValue.TryParse(sent, out var parsed) &&
        parsed.MediaType.Value is { } mediaType && Allowed.Contains(mediaType)
            ? mediaType.ToLowerInvariant()
            : Default;

    /// <summary>The type to serve for what is stored: the same rule, so a row from an older release cannot break a download.</summary>
    public static string ForDownload(string stored) => ForUpload(stored);
}
