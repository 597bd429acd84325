using System.Buffers;
using System.Text;
using System.Text.Json;

namespace EdgeRegistry.Rpc.Wire;

public sealed class JsonWireWriter(Utf8JsonWriter json) : IWireWriter
{
    // What JSON requires escaping: control characters, quote and backslash (see MinimalJsonEncoder).
    private static readonly SearchValues<char> Escaped = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\']);

    public static JsonWriterOptions Options { get; } = new() { Encoder = MinimalJsonEncoder.Instance, SkipValidation = true };

    /// <summary>
    /// Values that need escaping (JSON-in-JSON fields are full of quotes) are escaped here in one pass and written
    /// raw: the writer's encoder path handles such strings a character at a time.
    /// </summary>
    public void String(string name, string value)
    {
        value = WireText.ForJson(value);
        var first = value.AsSpan().IndexOfAny(Escaped);
        if (first < 0)
        {
            json.WriteString(name, value);
            return;
        }

        json.WritePropertyName(name);
        json.WriteRawValue(Quote(value, first), skipInputValidation: true);
    }

    public void Number(string name, long value) => json.WriteNumber(name, value);

    public void Boolean(string name, bool value) => json.WriteBoolean(name, value);

    public void BeginObject(string name) => json.WriteStartObject(name);

    public void EndObject() => json.WriteEndObject();

    public void BeginList(string name, string itemName) => json.WriteStartArray(name);

    public void EndList() => json.WriteEndArray();

    public void Item(IWireObject item)
    {
        if (item is IRenderedWireObject { Render: { } render } rendered && JsonRender.TryWrite(json, rendered, render))
        {
            return;
        }

        json.WriteStartObject();
        item.WriteTo(this);
        json.WriteEndObject();
    }

    public void Object(string name, IWireObject value)
    {
        json.WritePropertyName(name);
        Item(value);
    }

    /// <summary>Whether <paramref name="value"/> goes out exactly as it is (nothing in it needs escaping).</summary>
    internal static bool IsVerbatim(string value) => !value.AsSpan().ContainsAny(Escaped);

    private static string Quote(string value, int first)
    {
        var builder = new StringBuilder(value.Length + 16).Append('"');
        var rest = value.AsSpan();
        var next = first;
        while (next >= 0)
        {
            builder.Append(rest[..next]);
            var c = rest[next];
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => $"\\u{(int)c:X4}",
            });
            rest = rest[(next + 1)..];
            next = rest.IndexOfAny(Escaped);
        }

        return builder.Append(rest).Append('"').ToString();
    }
}
