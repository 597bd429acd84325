using EdgeRegistry.Drivers;

namespace EdgeRegistry.Rpc;

/// <summary>
/// How large an RPC request may be, sized from the largest legitimate one: a CreateEdgeDriverVersion carrying all
/// four JSON parameters (SourceConfig, DriverConfig, ContainerConfig, ConfigCheckRule) at their 64 KiB limit, each
/// percent-encoded (up to three bytes per byte) into the URL (V3, pop-core's GET) or a form body, plus 64 KiB for
/// everything else. Anything larger is refused before its parameters are parsed, so that an unsigned request cannot
/// make the server decode a megabyte of parameters (issue 11, item 8).
/// </summary>
public static class RequestLimits
{
    private const int JsonParameters = 4;

    /// <summary>The longest query string (and, separately, form body) accepted: 832 KiB.</summary>
    public const int MaxEncodedBytes = JsonParameters * 3 * JsonParameterRules.MaxBytes + 64 * 1024;

    /// <summary>
    /// Parameters per request, query and body together. The most a call needs is about 15 common ones, a dozen of its
    /// own and BatchGetEdgeDriver's 30 DriverIds (31 and more must still reach the operation's ParameterSizeLimit).
    /// </summary>
    public const int MaxParameters = 256;

    /// <summary>Kestrel's own cap on the request line: ours plus room for the method, path and version, so that a
    /// query just over <see cref="MaxEncodedBytes"/> is answered in Alibaba's shape; beyond this Kestrel answers a bare 414.</summary>
    public const int MaxRequestLineBytes = MaxEncodedBytes + 8 * 1024;

    /// <summary>Headers of every client fit in Kestrel's 32 KiB default; twice that leaves room for proxies.</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    /// <summary>
    /// The number of parameters in <paramref name="encoded"/> (a query string or form body: separated by <c>&amp;</c>),
    /// added to <paramref name="count"/>; stops counting, and returns false, as soon as the total passes the limit.
    /// </summary>
    public static bool CountParameters(ReadOnlySpan<char> encoded, ref int count)
    {
        if (encoded.StartsWith('?'))
        {
            encoded = encoded[1..];
        }

        if (encoded.IsEmpty)
        {
            return true;
        }

        count++;
        for (var at = encoded.IndexOf('&'); at >= 0; at = encoded.IndexOf('&'))
        {
            if (++count > MaxParameters)
            {
                return false;
            }

            encoded = encoded[(at + 1)..];
        }

        return count <= MaxParameters;
    }

    /// <summary>The same count over form bytes as they arrive, chunk by chunk.</summary>
    public static bool CountSeparators(ReadOnlySpan<byte> chunk, ref int count)
    {
        for (var at = chunk.IndexOf((byte)'&'); at >= 0; at = chunk.IndexOf((byte)'&'))
        {
            if (++count > MaxParameters)
            {
                return false;
            }

            chunk = chunk[(at + 1)..];
        }

        return true;
    }
}
