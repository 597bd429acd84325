using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>
/// The JSON render of an <see cref="IRenderedWireObject"/>: the object (braces included) as <see cref="JsonWireWriter"/>
/// writes it, cut at its hole, and written into an answer as a raw value.
/// </summary>
internal static class JsonRender
{
    private static readonly byte[] HoleBytes = Encoding.UTF8.GetBytes(WireRender.Hole);

    /// <summary>
    /// Writes the render; false the first time (see <see cref="WireRender.JsonAsked"/>) and when the fresh value would
    /// need escaping: then the caller writes field by field, and the answer is the same either way. A fresh value is a link and never needs it; this keeps that a check.
    /// </summary>
    public static bool TryWrite(Utf8JsonWriter json, IRenderedWireObject item, WireRender render)
    {
        if (render.Json is null && !render.JsonAsked)
        {
            render.JsonAsked = true;
            return false;
        }

        var parts = render.Json ??= Render(item);
        if (!parts.HasHole)
        {
            json.WriteRawValue(parts.Head, skipInputValidation: true);
            return true;
        }

        // Inside a JSON-in-JSON field the fresh value is escaped twice; a value that needs neither goes as it is.
        if (item.Fresh is not { } fresh || !JsonWireWriter.IsVerbatim(fresh) || !Ascii.IsValid(fresh))
        {
            return false;
        }

        var length = parts.Head.Length + fresh.Length + parts.Tail.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            parts.Head.CopyTo(buffer, 0);
            Encoding.ASCII.GetBytes(fresh, buffer.AsSpan(parts.Head.Length));
            parts.Tail.CopyTo(buffer, parts.Head.Length + fresh.Length);
            json.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return true;
    }

    private static RenderParts<byte> Render(IRenderedWireObject item)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, JsonWireWriter.Options))
        {
            json.WriteStartObject();
            item.WriteTo(new JsonWireWriter(json), item.Fresh is null ? null : WireRender.Hole);
            json.WriteEndObject();
        }

        return RenderParts<byte>.Cut(buffer.WrittenSpan, HoleBytes, item.Fresh is not null);
    }
}
