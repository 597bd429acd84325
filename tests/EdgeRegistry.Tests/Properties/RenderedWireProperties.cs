using System.Text;
using System.Text.Json;
using System.Xml;
using CsCheck;
using EdgeRegistry.Drivers;
using EdgeRegistry.Packages;
using EdgeRegistry.Rpc;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Tests.Properties;

/// <summary>
/// A cached record's render, copied into an answer with a fresh link in its hole, gives the very bytes that writing
/// it field by field gives — in JSON and XML, as a list item (first or later) and as <c>Data</c>, the first time
/// (written field by field), the second (rendered) and every time after, whatever the record holds and whatever the link holds (one that would need escaping is
/// written field by field).
/// </summary>
public sealed class RenderedWireProperties
{
    // Mostly what links hold; sometimes what they never do (quotes, '<', '\', controls, non-ASCII: still valid Unicode,
    // as every string the server makes is), which must be written field by field.
    private static readonly Gen<string> Link = Gen.Frequency(
        (6, Gen.String[Gen.Char["abcXYZ019-._~%/:?=&+"], 0, 60].Select(s => "http://127.0.0.1:8080/oss/" + s)),
        (1, Generators.UnicodeText));

    private static readonly Gen<string> SourceConfig = Gen.Frequency(
        (3, Generators.JsonValue(2, "fileName", "ossAddress", "temporaryOssAddress", "type")),
        (1, Generators.AnyText));

    private static readonly Gen<DriverVersionContent> Content = Gen.Select(
        Generators.AnyText, Generators.AnyText, SourceConfig, Generators.AnyText, Gen.Select(Generators.AnyText, Generators.AnyText, Generators.AnyText, (a, b, c) => (a, b, c)),
        (edge, description, source, driverConfig, rest) => new DriverVersionContent(edge, description, source, driverConfig, rest.a, rest.b, rest.c));

    private static readonly Gen<(DriverVersion Version, string Link)> Version = Gen.Select(
        Generators.AnyText, Content, Gen.Bool, Gen.Long[0, 4_102_444_800_000], Generators.AnyText.Null(), Link,
        (id, content, published, ms, key, link) => (new DriverVersion("d" + id, "1.0." + id, published, content, ms, ms + 1, key), link));

    private static readonly Gen<Driver> Driver = Gen.Select(
        Generators.AnyText, Generators.AnyText, Generators.AnyText, Gen.Long[0, 4_102_444_800_000],
        (id, name, protocol, ms) => new Driver("d" + id, name, protocol, "C", "amd64", false, ms, ms));

    [Fact]
    public void A_rendered_version_page_writes_the_same_bytes_as_field_by_field()
    {
        Version.Array[1, 3].Sample(versions =>
        {
            var direct = Page(versions, attach: false);
            var rendered = Page(versions, attach: true);
            SameOnEveryAnswer(format => Write(format, direct), format => Write(format, rendered));
        }, iter: 2_000);
    }

    [Fact]
    public void A_rendered_version_as_Data_writes_the_same_bytes_as_field_by_field()
    {
        Version.Sample(v =>
        {
            var copy = v.Version with { };
            WireRender.Attach(copy);
            var direct = new DataBody(new DriverVersionView(v.Version, new FixedLinks(v.Link)));
            var rendered = new DataBody(new DriverVersionView(copy, new FixedLinks(v.Link)));
            SameOnEveryAnswer(format => Write(format, direct), format => Write(format, rendered));
        }, iter: 2_000);
    }

    [Fact]
    public void A_rendered_driver_page_writes_the_same_bytes_as_field_by_field()
    {
        Driver.Array[1, 3].Sample(drivers =>
        {
            var copies = drivers.Select(d => d with { }).ToArray();
            foreach (var copy in copies)
            {
                WireRender.Attach(copy);
            }

            SameOnEveryAnswer(format => Write(format, DriverPage(drivers)), format => Write(format, DriverPage(copies)));
        }, iter: 2_000);
    }

    [Fact]
    public void A_record_is_rendered_on_its_second_answer_in_a_format_not_its_first()
    {
        var version = new DriverVersion("d", "1.0.0", false, new DriverVersionContent("", "", "{}", "", "", "", ""), 0, 0, "k");
        WireRender.Attach(version);
        var render = WireRender.Of(version)!;

        Write(WireFormat.Json, new DataBody(new DriverVersionView(version, new FixedLinks("http://h/oss/k?a=1&b=2"))));
        Assert.Null(render.Json);
        Write(WireFormat.Json, new DataBody(new DriverVersionView(version, new FixedLinks("http://h/oss/k?a=1&b=2"))));
        Assert.NotNull(render.Json);
        Assert.True(render.Json!.HasHole);
        Assert.Null(render.Xml);
    }

    [Fact]
    public void Records_not_attached_are_written_field_by_field()
    {
        var version = new DriverVersion("d", "1.0.0", false, new DriverVersionContent("", "", "{}", "", "", "", ""), 0, 0, "k");
        Assert.Null(new DriverVersionView(version, new FixedLinks("x")).Render);
        WireRender.Attach(version);
        Assert.NotNull(new DriverVersionView(version, new FixedLinks("x")).Render);
    }

    /// <summary>In both formats, the first answer (field by field), the second (rendered) and a later one (copied).</summary>
    private static void SameOnEveryAnswer(Func<WireFormat, string> fieldByField, Func<WireFormat, string> rendered)
    {
        foreach (var format in new[] { WireFormat.Json, WireFormat.Xml })
        {
            var expected = fieldByField(format);
            for (var use = 0; use < 3; use++)
            {
                Assert.Equal(expected, rendered(format));
            }
        }
    }

    private static PagedBody Page((DriverVersion Version, string Link)[] versions, bool attach)
    {
        // A fresh copy per page: attaching must not reach the field-by-field page's records.
        var items = versions.Select(v => (Record: v.Version with { }, v.Link)).ToArray();
        foreach (var item in items.Where(_ => attach))
        {
            WireRender.Attach(item.Record);
        }

        return new PagedBody(1, 10, items.Length, "DriverVersionList", "DriverVersion",
            [.. items.Select(i => (IWireObject)new DriverVersionView(i.Record, new FixedLinks(i.Link)))]);
    }

    private static PagedBody DriverPage(Driver[] drivers) =>
        new(1, 10, drivers.Length, "DriverList", "Driver", [.. drivers.Select(d => (IWireObject)new DriverView(d, WithIsApply: true))]);

    /// <summary>The body inside a root element or object, as the response writer writes it.</summary>
    private static string Write(WireFormat format, IWireObject body)
    {
        var buffer = new MemoryStream();
        if (format == WireFormat.Json)
        {
            using var json = new Utf8JsonWriter(buffer, JsonWireWriter.Options);
            json.WriteStartObject();
            body.WriteTo(new JsonWireWriter(json));
            json.WriteEndObject();
        }
        else
        {
            using var xml = XmlWriter.Create(buffer, XmlWireWriter.Settings);
            xml.WriteStartElement("QueryResponse");
            body.WriteTo(new XmlWireWriter(xml));
            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed class FixedLinks(string link) : IObjectLinks
    {
        public string ObjectUrl(string key) => "http://127.0.0.1:8080/oss/" + key;

        public string Presigned(string key, string method) => link;

        public string? KeyFromUrl(string? url) => null;
    }
}
