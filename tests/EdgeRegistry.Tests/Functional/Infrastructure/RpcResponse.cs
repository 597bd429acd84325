using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace EdgeRegistry.Tests.Functional.Infrastructure;

/// <summary>One answer of the server: status, headers, the raw body, and the body parsed as JSON or XML.</summary>
public sealed class RpcResponse
{
    public RpcResponse(HttpStatusCode status, IReadOnlyDictionary<string, string> headers, string? contentType, string body)
    {
        Status = status;
        Headers = headers;
        ContentType = contentType;
        Body = body;
        if (contentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            Json = JsonDocument.Parse(body);
        }
        else if (contentType?.StartsWith("text/xml", StringComparison.Ordinal) == true)
        {
            Xml = XDocument.Parse(body, LoadOptions.PreserveWhitespace);
        }
    }

    public HttpStatusCode Status { get; }

    public int StatusCode => (int)Status;

    /// <summary>Response and content headers, names in lower case, values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? ContentType { get; }

    public string Body { get; }

    public JsonDocument? Json { get; }

    public XDocument? Xml { get; }

    public bool IsJson => Json is not null;

    /// <summary>The JSON root object (fails the test when the answer is not JSON).</summary>
    public JsonElement Root => Json?.RootElement ?? throw new Xunit.Sdk.XunitException($"The answer is not JSON ({ContentType}): {Body}");

    /// <summary>The XML root element (fails the test when the answer is not XML).</summary>
    public XElement XmlRoot => Xml?.Root ?? throw new Xunit.Sdk.XunitException($"The answer is not XML ({ContentType}): {Body}");

    public string? RequestIdHeader => Headers.GetValueOrDefault("x-acs-request-id");

    /// <summary>A top-level field as text, whichever the format (JSON numbers and booleans as their literal).</summary>
    public string? Field(string name)
    {
        if (Json is not null)
        {
            return Root.TryGetProperty(name, out var value) ? AsText(value) : null;
        }

        return XmlRoot.Element(name)?.Value;
    }

    public string? Code => Field("Code");

    /// <summary>The JSON <c>Data</c> object.</summary>
    public JsonElement Data => Root.GetProperty("Data");

    /// <summary>The names of the JSON root's properties, in the order they were written.</summary>
    public IReadOnlyList<string> FieldNames => Json is not null
        ? [.. Root.EnumerateObject().Select(p => p.Name)]
        : [.. XmlRoot.Elements().Select(e => e.Name.LocalName)];

    public override string ToString() => $"HTTP {StatusCode} {ContentType}\n{Body}";

    public static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        _ => value.GetRawText(),
    };
}
