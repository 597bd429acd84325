using System.Text;
using System.Text.Json;
using EdgeRegistry.Rpc.Wire;

namespace EdgeRegistry.Drivers;

/// <summary>
/// Puts a fresh download link into a stored SourceConfig as its last field, <c>temporaryOssAddress</c> (one the client
/// stored is dropped). Every other field is copied as stored, text for text: nothing is decoded and encoded again, so
/// no stored value can make a read fail; rows of older releases hold escapes (a lone <c>\ud800</c>) that would.
/// A value that is not a JSON object is answered as stored, without the link, rather than failing the answer.
/// </summary>
public static class TemporaryOssAddress
{
    public const string Field = "temporaryOssAddress";

    public static string AddTo(string sourceConfig, string link) => Rewrite(sourceConfig, link);

    /// <summary>
    /// A SourceConfig without a package, minus any <c>temporaryOssAddress</c> a row from an older release stored: only
    /// the server hands out download links, so a tenant cannot plant one that points anywhere.
    /// </summary>
    public static string WithoutStoredLink(string sourceConfig) =>
        sourceConfig.Contains(Field, StringComparison.Ordinal) || sourceConfig.Contains("\\u", StringComparison.Ordinal)
            ? Rewrite(sourceConfig, link: null)
            : sourceConfig;

    private static string Rewrite(string sourceConfig, string? link)
    {
        var utf8 = Encoding.UTF8.GetBytes(sourceConfig);
        var fields = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return sourceConfig;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = (int)reader.TokenStartIndex;
                var isLink = JsonStrings.Decode(reader.ValueSpan) == Field;
                reader.Read();
                reader.Skip();
                if (!isLink)
                {
                    fields.Add(Encoding.UTF8.GetString(utf8, start, (int)reader.BytesConsumed - start));
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return sourceConfig;
            }
        }
        catch (JsonException)
        {
            return sourceConfig;
        }

        if (link is not null)
        {
            fields.Add($"\"{Field}\":\"{JsonEncodedText.Encode(link, MinimalJsonEncoder.Instance)}\"");
        }

        return "{" + string.Join(',', fields) + "}";
    }
}
