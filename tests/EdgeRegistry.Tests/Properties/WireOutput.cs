using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Tests.Properties;

/// <summary>One field written through each real writer, and read back by an ordinary parser.</summary>
internal static class WireOutput
{
    public static string ThroughJson(string value)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonWireWriter.Options))
        {
            json.WriteStartObject();
            new JsonWireWriter(json).String("Field", value);
            json.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.GetProperty("Field").GetString()!;
    }

    public static string ThroughXml(string value)
    {
        var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, XmlWireWriter.Settings))
        {
            xml.WriteStartElement("Root");
            new XmlWireWriter(xml).String("Field", value);
            xml.WriteEndElement();
        }

        return XDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()), LoadOptions.PreserveWhitespace).Root!.Element("Field")!.Value;
    }
}
