using EdgeRegistry.Drivers;

namespace EdgeRegistry.Tests.Drivers;

/// <summary>The download link put into a stored SourceConfig without decoding anything else in it.</summary>
public sealed class TemporaryOssAddressTests
{
    private const string Link = "http://h/oss/k?Expires=1&OSSAccessKeyId=K&Signature=a%2Bb";
    private const string Added = "\"temporaryOssAddress\":\"" + Link + "\"";

    [Theory]
    [InlineData("{\"ossAddress\":\"u\"}", "{\"ossAddress\":\"u\"," + Added + "}")]
    [InlineData("{}", "{" + Added + "}")]
    [InlineData("{\"a\":\"\\u00e9\\/\",\"b\":{\"c\":[1, 2]}}", "{\"a\":\"\\u00e9\\/\",\"b\":{\"c\":[1, 2]}," + Added + "}")]
    [InlineData("{\"note\":\"\\ud800\",\"\\udc00\":1}", "{\"note\":\"\\ud800\",\"\\udc00\":1," + Added + "}")]
    [InlineData("{\"temporaryOssAddress\":\"old\",\"a\":1}", "{\"a\":1," + Added + "}")]
    [InlineData("{\"temporary\\u004fssAddress\":\"old\"}", "{" + Added + "}")]
    [InlineData("{ \"a\" : 1 }", "{\"a\" : 1," + Added + "}")]
    public void Fields_are_copied_as_stored_and_the_link_comes_last(string stored, string expected) =>
        Assert.Equal(expected, TemporaryOssAddress.AddTo(stored, Link));

    [Theory]
    [InlineData("")]
    [InlineData("{\"ossAddress\":")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("not json")]
    [InlineData("{\"a\":1")]
    public void A_value_that_is_not_a_JSON_object_is_answered_as_stored(string stored) =>
        Assert.Equal(stored, TemporaryOssAddress.AddTo(stored, Link));
}
