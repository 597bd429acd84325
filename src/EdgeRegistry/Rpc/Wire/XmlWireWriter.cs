using System.Xml;

namespace EdgeRegistry.Rpc.Wire;

/// <summary>Writes the XML shape of api.md: one element per field, lists wrapped and their items named.</summary>
public sealed class XmlWireWriter(XmlWriter xml) : IWireWriter
{
    public static XmlWriterSettings Settings { get; } = new()
    {
        // The declaration is written by hand: XmlWriter would spell the encoding "utf-8".
        OmitXmlDeclaration = true,
        Encoding = new System.Text.UTF8Encoding(false),
        // A CR written as is would come back as LF from any XML parser; as &#xD; it round-trips.
        NewLineHandling = NewLineHandling.Entitize,
    };

    public const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private readonly Stack<string> _itemNames = new();

    /// <summary>
    /// New values cannot hold a character XML cannot carry, but a row from an older release may: it is answered with
    /// U+FFFD in its place rather than failing the whole answer (JSON carries it as an escape).
    /// </summary>
    public void String(string name, string value) => xml.WriteElementString(name, WireText.ForXml(value));

    public void Number(string name, long value) => xml.WriteElementString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Boolean(string name, bool value) => xml.WriteElementString(name, value ? "true" : "false");

    public void BeginObject(string name) => xml.WriteStartElement(name);

    public void EndObject() => xml.WriteEndElement();

    public void BeginList(string name, string itemName)
    {
        _itemNames.Push(itemName);
        xml.WriteStartElement(name);
    }

    public void EndList()
    {
        _itemNames.Pop();
        xml.WriteEndElement();
    }

    public void Item(IWireObject item) => Object(_itemNames.Peek(), item);

    public void Object(string name, IWireObject value)
    {
        xml.WriteStartElement(name);
        if (value is not IRenderedWireObject { Render: { } render } rendered || !XmlRender.TryWrite(xml, rendered, render))
        {
            value.WriteTo(this);
        }

        xml.WriteEndElement();
    }
}
