using System.Text;

namespace EdgeRegistry.Fuzz;

/// <summary>
/// One HTTP/1.1 request as the fuzzer sends it. <see cref="Wire"/> is set once a byte-level mutation has replaced
/// the structured form; then the framing may be broken on purpose and the sender half-closes after writing, so the
/// server sees the end of the input instead of waiting for bytes that will never come.
/// </summary>
public sealed record RawRequest(string Kind, string Method, string Target, List<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public byte[]? Wire { get; init; }

    public bool Mutated { get; init; }

    public byte[] ToBytes()
    {
        if (Wire is not null)
        {
            return Wire;
        }

        var head = new StringBuilder(256 + Target.Length);
        head.Append(Method).Append(' ').Append(Target).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!Headers.Any(h => h.Key.Equals("content-length", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Content-Length: ").Append(Body.Length).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        // Latin-1: a header or target char above 0x7F goes out as one raw byte, as a careless client sends it.
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. Body];
    }

    /// <summary>The request as printable text for a failure report (control bytes escaped, long runs cut).</summary>
    public string Describe(int max = 2000)
    {
        var bytes = ToBytes();
        var text = new StringBuilder();
        foreach (var b in bytes.Take(max))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : b == '\n' ? "\\n\n" : $"\\x{b:x2}");
        }

        return bytes.Length > max ? text.Append($"… ({bytes.Length} bytes)").ToString() : text.ToString();
    }
}
