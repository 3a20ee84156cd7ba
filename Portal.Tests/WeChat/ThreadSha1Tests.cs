using System.Security.Cryptography;
using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

/// <summary>The reused per-thread digest must hash each input as if it were the only one.</summary>
public sealed class ThreadSha1Tests
{
    [Fact]
    public void Each_hash_matches_a_fresh_one_whatever_was_hashed_before()
    {
        var random = new Random(20261124);
        Span<byte> actual = stackalloc byte[SHA1.HashSizeInBytes];
        // Lengths around SHA-1's 64-byte blocks and the 55-byte padding edge, and an empty input.
        foreach (var length in new[] { 0, 1, 40, 55, 56, 63, 64, 65, 119, 120, 620, 5000, 3 })
        {
            var data = new byte[length];
            random.NextBytes(data);
            ThreadSha1.HashData(data, actual);
            Assert.Equal(SHA1.HashData(data), actual.ToArray());
        }
    }

    [Fact]
    public void Hashes_the_FIPS_180_abc_example()
    {
        // The FIPS 180 example: "abc".
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        ThreadSha1.HashData("abc"u8, hash);
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", Convert.ToHexStringLower(hash));
    }
}
