using System.Security.Cryptography;
using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

/// <summary>
/// Both AES-CBC ciphers must give, message after message, what a fresh .NET AES gives: the one on the processor's
/// AES instructions and the reused OpenSSL transforms that stand in for it elsewhere.
/// </summary>
public sealed class CbcCipherTests
{
    public static TheoryData<string> Ciphers => ["aes-ni", "openssl"];

    private static ICbcCipher Create(string cipher, byte[] key, byte[] iv)
    {
        if (cipher == "aes-ni")
        {
            // The CI machine and every x86-64 server of the last decade have the instructions; a test that skipped
            // silently would hide a cipher nobody checked.
            Assert.True(AesNiCbc.IsSupported, "this processor has no AES instructions");
            return new AesNiCbc(key, iv);
        }
        return new CbcTransformPool(key, iv);
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void Each_message_starts_from_the_iv_whatever_came_before(string cipher)
    {
        var key = Enumerable.Range(1, 32).Select(b => (byte)(b * 7)).ToArray();
        var iv = key[..16];
        var cbc = Create(cipher, key, iv);
        using var aes = Aes.Create();
        aes.Key = key;

        for (var i = 1; i <= 40; i++)
        {
            var plain = Enumerable.Range(i, 16 * (1 + (i % 5))).Select(b => (byte)b).ToArray();
            var expected = aes.EncryptCbc(plain, iv, PaddingMode.None);

            var buffer = plain.ToArray();
            cbc.EncryptInPlace(buffer);
            Assert.Equal(expected, buffer);

            cbc.DecryptInPlace(buffer);
            Assert.Equal(plain, buffer);
        }
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void Random_keys_ivs_and_lengths_agree_with_dotnet_aes(string cipher)
    {
        var random = new Random(20261124);
        using var aes = Aes.Create();
        for (var i = 0; i < 300; i++)
        {
            var key = new byte[32];
            var iv = new byte[16];
            random.NextBytes(key);
            random.NextBytes(iv);
            // Up to 70 blocks: lengths that leave the parallel decryption every remainder of 4, and beyond a
            // 2,048-byte message.
            var plain = new byte[16 * random.Next(0, 70)];
            random.NextBytes(plain);
            aes.Key = key;
            var cbc = Create(cipher, key, iv);

            var buffer = plain.ToArray();
            cbc.EncryptInPlace(buffer);
            Assert.Equal(aes.EncryptCbc(plain, iv, PaddingMode.None), buffer);

            var ciphertext = new byte[buffer.Length];
            random.NextBytes(ciphertext);
            var decrypted = ciphertext.ToArray();
            cbc.DecryptInPlace(decrypted);
            Assert.Equal(aes.DecryptCbc(ciphertext, iv, PaddingMode.None), decrypted);
        }
    }

    [Fact]
    public void The_fips_197_aes256_example_block()
    {
        // FIPS 197, appendix C.3: key 00..1f, plaintext 00112233..ff. One block of CBC from a zero IV is plain AES.
        var key = Enumerable.Range(0, 32).Select(b => (byte)b).ToArray();
        var block = Convert.FromHexString("00112233445566778899aabbccddeeff");
        var cbc = new AesNiCbc(key, new byte[16]);

        cbc.EncryptInPlace(block);
        Assert.Equal("8ea2b7ca516745bfeafc49904b496089", Convert.ToHexStringLower(block));
        cbc.DecryptInPlace(block);
        Assert.Equal("00112233445566778899aabbccddeeff", Convert.ToHexStringLower(block));
    }

    [Theory]
    [MemberData(nameof(Ciphers))]
    public void Partial_blocks_are_refused(string cipher)
    {
        var cbc = Create(cipher, new byte[32], new byte[16]);
        Assert.Throws<ArgumentException>(() => cbc.EncryptInPlace(new byte[17]));
        Assert.Throws<ArgumentException>(() => cbc.DecryptInPlace(new byte[15]));
    }

    [Fact]
    public void Many_threads_share_one_cipher()
    {
        var key = Enumerable.Range(3, 32).Select(b => (byte)(b * 11)).ToArray();
        var iv = key[16..];
        var cbc = new AesNiCbc(key, iv);
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = Enumerable.Range(0, 448).Select(b => (byte)(b * 3)).ToArray();
        var expected = aes.EncryptCbc(plain, iv, PaddingMode.None);

        Parallel.For(0, 2000, _ =>
        {
            var buffer = plain.ToArray();
            cbc.EncryptInPlace(buffer);
            Assert.Equal(expected, buffer);
            cbc.DecryptInPlace(buffer);
            Assert.Equal(plain, buffer);
        });
    }
}
