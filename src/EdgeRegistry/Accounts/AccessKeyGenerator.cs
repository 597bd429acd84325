using System.Security.Cryptography;

namespace EdgeRegistry.Accounts;

/// <summary>Ids shaped like Alibaba's: AccessKeyIds <c>LTAI</c> + 20 characters, secrets of 30, account ids of 16 digits.</summary>
public static class AccessKeyGenerator
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewAccessKeyId() => "LTAI" + RandomNumberGenerator.GetString(Alphanumeric, 20);

    public static string NewSecret() => RandomNumberGenerator.GetString(Alphanumeric, 30);

    public static string NewAccountId() => RandomNumberGenerator.GetString("123456789", 1) + RandomNumberGenerator.GetString("0123456789", 15);
}
