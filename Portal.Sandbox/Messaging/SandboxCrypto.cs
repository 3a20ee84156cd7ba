using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Sandbox.Messaging;

/// <summary>
/// The platform's side of message signing and encryption, written from the protocol notes (A1, A4) with
/// the framework's SHA-1 and AES, and on purpose not Portal's: a push the sandbox encrypts this way and
/// Portal reads is a check of Portal's implementation against an independent one.
/// </summary>
/// <remarks>
/// The signature is the hex SHA-1 of the token, timestamp, nonce (and, for a message, the ciphertext) sorted
/// and joined. The ciphertext is AES-256-CBC, the key being the EncodingAESKey decoded from base64 (with its
/// missing '=') and the IV its first 16 bytes, over 16 random bytes, the message's length as four big-endian
/// bytes, the message and the AppId, padded PKCS#7-style to a multiple of 32 bytes.
/// </remarks>
public static class SandboxCrypto
{
    private const int Block = 32;

    public static string Sign(params string[] parts)
    {
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>Whether <paramref name="presented"/> is the signature <paramref name="expected"/>, in constant time.</summary>
    public static bool SignatureMatches(string? presented, string expected) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented.ToLowerInvariant()), Encoding.ASCII.GetBytes(expected));

    public static string Encrypt(string message, string encodingAesKey, string appId)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var app = Encoding.UTF8.GetBytes(appId);
        var length = checked(16 + 4 + body.Length + app.Length);
        var pad = Block - length % Block;
        var plain = new byte[length + pad];
        RandomNumberGenerator.Fill(plain.AsSpan(0, 16));
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), body.Length);
        body.CopyTo(plain, 20);
        app.CopyTo(plain, 20 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Cipher(encodingAesKey, out var iv);
        return Convert.ToBase64String(aes.EncryptCbc(plain, iv, PaddingMode.None));
    }

    /// <summary>The message inside <paramref name="encrypted"/>; throws <see cref="CryptographicException"/> when it does not decrypt or is for another AppId.</summary>
    public static string Decrypt(string encrypted, string encodingAesKey, string appId)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("the ciphertext is not base64", e);
        }
        if (cipher.Length == 0 || cipher.Length % 16 != 0)
            throw new CryptographicException("the ciphertext is not whole AES blocks");
        using var aes = Cipher(encodingAesKey, out var iv);
        var plain = aes.DecryptCbc(cipher, iv, PaddingMode.None);
        var pad = plain[^1];
        if (pad is < 1 or > Block || pad > plain.Length - 20)
            throw new CryptographicException("the padding is wrong");
        var content = plain.AsSpan(0, plain.Length - pad);
        var length = BinaryPrimitives.ReadInt32BigEndian(content.Slice(16, 4));
        if (length < 0 || 20 + length > content.Length)
            throw new CryptographicException("the length is wrong");
        if (Encoding.UTF8.GetString(content[(20 + length)..]) != appId)
            throw new CryptographicException("the message is for another AppId");
        return Encoding.UTF8.GetString(content.Slice(20, length));
    }

    private static Aes Cipher(string encodingAesKey, out byte[] iv)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        iv = key[..16];
        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }
}
