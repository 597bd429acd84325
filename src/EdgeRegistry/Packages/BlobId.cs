namespace EdgeRegistry.Packages;

/// <summary>
/// Blob ids are chosen by the caller; stores accept only 32 lowercase hex characters so an id can never carry a
/// path separator, "..", or a second spelling of the same file on a case-insensitive disk.
/// </summary>
internal static class BlobId
{
    public const int Length = 32;

    public static void Validate(string blobId)
    {
        ArgumentNullException.ThrowIfNull(blobId);
        if (blobId.Length != Length || !blobId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"A blob id is {Length} lowercase hex characters; got '{blobId}'.", nameof(blobId));
        }
    }

    public static bool IsValid(string candidate) =>
        candidate.Length == Length && candidate.All(char.IsAsciiHexDigitLower);
}
