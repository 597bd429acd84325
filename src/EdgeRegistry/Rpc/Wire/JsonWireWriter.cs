using System.Text.Json;

namespace EdgeRegistry.Rpc.Wire;

public sealed class JsonWireWriter(Utf8JsonWriter json) : IWireWriter
{
    public static JsonWriterOptions Options { get; } = new() { Encoder = MinimalJsonEncoder.Instance, SkipValidation = true };

    public void String(string name, string value) => json.WriteString(name, value);

    public void Number(string name, long value) => json.WriteNumber(name, value);

    public void Boolean(string name, bool value) => json.WriteBoolean(name, value);

    public void BeginObject(string name) => json.WriteStartObject(name);

    public void EndObject() => json.WriteEndObject();

    public void BeginList(string name, string itemName) => json.WriteStartArray(name);

    public void EndList() => json.WriteEndArray();

    public void BeginItem() => json.WriteStartObject();

    public void EndItem() => json.WriteEndObject();
}
