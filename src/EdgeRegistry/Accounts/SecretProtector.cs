using System.Security.Cryptography;
using System.Text;

namespace EdgeRegistry.Accounts;

/// <summary>
/// Encrypts AccessKey secrets at rest with AES-256-GCM. The key lives outside the database (a file beside it, or
/// <c>EDGEREG_MASTER_KEY</c> for replicas that share a database), so a copy of the database alone reveals no secret.
/// Layout: 12-byte nonce, 16-byte tag, ciphertext.
/// </summary>
public sealed class SecretProtector(byte[] key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public byte[] Encrypt(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize));
        return output;
    }

    public string Decrypt(byte[] sealedSecret)
    {
        var plain = new byte[sealedSecret.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedSecret.AsSpan(0, NonceSize), sealedSecret.AsSpan(NonceSize + TagSize), sealedSecret.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
