using System.Buffers;
using System.Xml;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// The XML render of an <see cref="IRenderedWireObject"/>: its field elements (the element around them is the
/// caller's) as <see cref="XmlWireWriter"/> writes them, cut at the hole, and written into an answer raw.
/// </summary>
internal static class XmlRender
{
    // What a fresh value may hold to be written by hand; everything else goes field by field. A link holds only these.
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%/:?=&+,;@!$*'()[]");

    private static readonly XmlWriterSettings FragmentSettings = new()
    {
        OmitXmlDeclaration = XmlWireWriter.Settings.OmitXmlDeclaration,
        NewLineHandling = XmlWireWriter.Settings.NewLineHandling,
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    /// <summary>
    /// Writes the render; false the first time (see <see cref="WireRender.XmlAsked"/>) and when the fresh value holds
    /// something other than <see cref="Plain"/>.
    /// </summary>
    public static bool TryWrite(XmlWriter xml, IRenderedWireObject item, WireRender render)
    {
        if (render.Xml is null && !render.XmlAsked)
        {
            render.XmlAsked = true;
            return false;
        }

        var parts = render.Xml ??= Render(item);
        if (!parts.HasHole)
        {
            xml.WriteRaw(parts.Head, 0, parts.Head.Length);
            return true;
        }

        if (item.Fresh is not { } fresh || fresh.AsSpan().ContainsAnyExcept(Plain))
        {
            return false;
        }

        xml.WriteRaw(parts.Head, 0, parts.Head.Length);
        // Of the plain characters only '&' is escaped in element text (XmlWriter writes it as &amp;).
        xml.WriteRaw(fresh.Replace("&", "&amp;", StringComparison.Ordinal));
        xml.WriteRaw(parts.Tail, 0, parts.Tail.Length);
        return true;
    }

    private static RenderParts<char> Render(IRenderedWireObject item)
    {
        var text = new StringWriter();
        using (var xml = XmlWriter.Create(text, FragmentSettings))
        {
            item.WriteTo(new XmlWireWriter(xml), item.Fresh is null ? null : WireRender.Hole);
        }

        return RenderParts<char>.Cut(text.ToString(), WireRender.Hole, item.Fresh is not null);
    }
}
