using System.Security.Cryptography;

namespace EdgeRegistry.LoadGen;

/// <summary>The root AccessKey pair the generator gives the server (through its environment) and signs with.</summary>
public sealed record BenchCredentials(string AccessKeyId, string AccessKeySecret)
{
    public static BenchCredentials New() => new(
        "LTAIloadgen" + RandomNumberGenerator.GetHexString(13, lowercase: true),
        RandomNumberGenerator.GetHexString(30, lowercase: true));
}
