using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// The renders of one cached record, one per format, made on first use. Two requests rendering at once both
/// build the same bytes; whichever is stored last wins, and both are right.
/// </summary>
public sealed class WireRender
{
    /// <summary>
    /// Written where the fresh value goes while rendering, then cut out. Random per process and made of letters and
    /// digits (no writer escapes them), so no stored value can contain it.
    /// </summary>
    internal static readonly string Hole = "EdgeRegHole" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static readonly ConditionalWeakTable<object, WireRender> Renders = new();

    internal RenderParts<byte>? Json { get; set; }

    internal RenderParts<char>? Xml { get; set; }

    // Whether a format was asked for once already. The first answer is written field by field and the render made
    // for the second: a record read only once (a page evicted before it is read again) never pays for a render.
    internal bool JsonAsked { get; set; }

    internal bool XmlAsked { get; set; }

    /// <summary>Marks a record as worth rendering (the read cache calls this for what it keeps); lives as long as it.</summary>
    public static void Attach(object record) => Renders.TryAdd(record, new WireRender());

    public static WireRender? Of(object record) => Renders.TryGetValue(record, out var render) ? render : null;
}

/// <summary>A render cut at its hole: <c>Head</c>, the fresh value, <c>Tail</c>; without a hole everything is in Head.</summary>
internal sealed record RenderParts<T>(T[] Head, T[] Tail, bool HasHole)
    where T : IEquatable<T>
{
    public static RenderParts<T> Cut(ReadOnlySpan<T> rendered, ReadOnlySpan<T> hole, bool expectHole)
    {
        var at = expectHole ? rendered.IndexOf(hole) : -1;
        // The hole is missing when the value it sits in was answered as stored (a SourceConfig that is not an object).
        return at < 0
            ? new RenderParts<T>(rendered.ToArray(), [], HasHole: false)
            : new RenderParts<T>(rendered[..at].ToArray(), rendered[(at + hole.Length)..].ToArray(), HasHole: true);
    }
}
