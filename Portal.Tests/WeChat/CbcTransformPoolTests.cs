using System.Security.Cryptography;
using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

/// <summary>
/// The pool of reused AES-CBC transforms must give, message after message and from many threads at once, what a
/// fresh one-shot .NET AES call gives: reuse must never carry one message's chain into the next.
/// </summary>
public sealed class CbcTransformPoolTests
{
    [Fact]
    public void Each_message_starts_from_the_iv_whatever_came_before()
    {
        var key = Enumerable.Range(1, 32).Select(b => (byte)(b * 7)).ToArray();
        var iv = key[..16];
        using var cbc = new CbcTransformPool(key, iv);
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

    [Fact]
    public void Random_keys_ivs_and_lengths_agree_with_one_shot_aes()
    {
        var random = new Random(20261124);
        using var aes = Aes.Create();
        for (var i = 0; i < 300; i++)
        {
            var key = new byte[32];
            var iv = new byte[16];
            random.NextBytes(key);
            random.NextBytes(iv);
            // Up to 70 blocks, beyond a 2,048-byte message, and empty.
            var plain = new byte[16 * random.Next(0, 70)];
            random.NextBytes(plain);
            aes.Key = key;
            using var cbc = new CbcTransformPool(key, iv);

            // Twice each way: the second call goes through a transform the first one gave back.
            for (var use = 0; use < 2; use++)
            {
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
    }

    [Fact]
    public void The_fips_197_aes256_example_block()
    {
        // FIPS 197, appendix C.3: key 00..1f, plaintext 00112233..ff. One block of CBC from a zero IV is plain
        // AES-256, so this checks the pool sets up the key, the mode and no padding as WeChat's scheme needs.
        var key = Enumerable.Range(0, 32).Select(b => (byte)b).ToArray();
        var block = Convert.FromHexString("00112233445566778899aabbccddeeff");
        using var cbc = new CbcTransformPool(key, new byte[16]);

        cbc.EncryptInPlace(block);
        Assert.Equal("8ea2b7ca516745bfeafc49904b496089", Convert.ToHexStringLower(block));
        cbc.DecryptInPlace(block);
        Assert.Equal("00112233445566778899aabbccddeeff", Convert.ToHexStringLower(block));
    }

    [Fact]
    public void Partial_blocks_are_refused()
    {
        using var cbc = new CbcTransformPool(new byte[32], new byte[16]);
        Assert.Throws<ArgumentException>(() => cbc.EncryptInPlace(new byte[17]));
        Assert.Throws<ArgumentException>(() => cbc.DecryptInPlace(new byte[15]));
    }

    [Fact]
    public void Many_threads_share_one_pool()
    {
        // More threads at once than the pool has slots: some calls make transforms of their own and drop them.
        var key = Enumerable.Range(3, 32).Select(b => (byte)(b * 11)).ToArray();
        var iv = key[16..];
        using var cbc = new CbcTransformPool(key, iv);
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = Enumerable.Range(0, 448).Select(b => (byte)(b * 3)).ToArray();
        var expected = aes.EncryptCbc(plain, iv, PaddingMode.None);

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 32 }, _ =>
        {
            var buffer = plain.ToArray();
            cbc.EncryptInPlace(buffer);
            Assert.Equal(expected, buffer);
            cbc.DecryptInPlace(buffer);
            Assert.Equal(plain, buffer);
        });
    }
}
