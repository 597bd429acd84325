using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeRegistry.Cli.User.Client;

/// <summary>The Iot API's JSON conventions: PascalCase names as the API spells them.</summary>
public static class IotJson
{
    /// <summary>For answers on the wire; a number the server sends as a digit string still reads.</summary>
    public static readonly JsonSerializerOptions Wire = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    /// <summary>
    /// For <c>--output json</c>: indented, and without \u escapes of <c>&amp;</c>, <c>&lt;</c> or non-ASCII text, so the
    /// links and JSON values inside strings stay readable (stdout is never embedded in HTML).
    /// </summary>
    public static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
