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

    public static string AddTo(string sourceConfig, string link)
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

        fields.Add($"\"{Field}\":\"{JsonEncodedText.Encode(link, MinimalJsonEncoder.Instance)}\"");
        return "{" + string.Join(',', fields) + "}";
    }
}
