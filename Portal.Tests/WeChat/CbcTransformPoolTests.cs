using System.Security.Cryptography;
using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

/// <summary>The reused AES-CBC transforms must give, message after message, what a fresh cipher gives.</summary>
public sealed class CbcTransformPoolTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(b => (byte)(b * 7)).ToArray();
    private static readonly byte[] Iv = Key[..16];

    [Fact]
    public void Each_message_starts_from_the_iv_whatever_came_before()
    {
        using var encryptor = new CbcTransformPool(Key, Iv, encrypt: true);
        using var decryptor = new CbcTransformPool(Key, Iv, encrypt: false);
        using var aes = Aes.Create();
        aes.Key = Key;

        for (var i = 1; i <= 40; i++)
        {
            var plain = Enumerable.Range(i, 16 * (1 + (i % 5))).Select(b => (byte)b).ToArray();
            var expected = aes.EncryptCbc(plain, Iv, PaddingMode.None);

            var buffer = plain.ToArray();
            encryptor.TransformInPlace(buffer, 0, buffer.Length);
            Assert.Equal(expected, buffer);

            decryptor.TransformInPlace(buffer, 0, buffer.Length);
            Assert.Equal(plain, buffer);
        }
    }
}
