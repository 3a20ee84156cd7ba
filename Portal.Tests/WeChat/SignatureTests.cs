using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

public class SignatureTests
{
    /// <summary>The A1 table: the published URL signatures plus those of the real pushes among the decrypt vectors.</summary>
    public static TheoryData<string, string, string, string> UrlSignatures()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var v in Vectors.UrlSignatures)
        {
            data.Add(v.Token, v.Timestamp, v.Nonce, v.Signature);
        }

        foreach (var v in Vectors.Decrypt.Where(v => v.Signature is not null))
        {
            data.Add(v.Token, v.Timestamp, v.Nonce, v.Signature!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UrlSignatures))]
    public void Url_signature_matches_the_published_vector(string token, string timestamp, string nonce, string expected)
    {
        var computed = Signature.Compute(token, timestamp, nonce);

        Assert.Equal(expected, computed);
        Assert.True(Signature.Matches(expected, computed));
    }

    [Theory]
    [MemberData(nameof(UrlSignatures))]
    public void Url_signature_does_not_depend_on_argument_order(string token, string timestamp, string nonce, string expected)
    {
        Assert.Equal(expected, Signature.Compute(nonce, token, timestamp));
        Assert.Equal(expected, Signature.Compute(timestamp, nonce, token));
    }

    [Fact]
    public void Parts_are_sorted_by_bytes_not_by_culture()
    {
        string[] parts = ["abc", "ABD", "_x"];

        // Guard: these parts only test anything because a culture-aware sort orders them differently.
        var cultural = parts.OrderBy(p => p, StringComparer.Create(CultureInfo.GetCultureInfo("en-US"), false)).ToArray();
        var bytewise = parts.OrderBy(p => Encoding.UTF8.GetBytes(p), ByteOrder.Instance).ToArray();
        Assert.NotEqual(cultural, bytewise);

        var expected = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(bytewise))));
        Assert.Equal(expected, Signature.Compute(parts[0], parts[1], parts[2]));
        Assert.Equal(expected, Signature.Compute(parts[2], parts[0], parts[1]));
    }

    [Fact]
    public void Every_order_of_three_or_four_parts_gives_the_byte_sorted_signature()
    {
        string[] parts = ["abc", "ABD", "_x", "Zz"];
        var three = Expected(parts[..3]);
        var four = Expected(parts);

        foreach (var p in Permutations(parts[..3]))
        {
            Assert.Equal(three, Signature.Compute(p[0], p[1], p[2]));
        }

        foreach (var p in Permutations(parts))
        {
            Assert.Equal(four, Signature.Compute(p[0], p[1], p[2], p[3]));
        }
    }

    [Fact]
    public void Long_parts_beyond_the_stack_buffer_hash_correctly()
    {
        var encrypt = new string('A', 5000);
        string[] parts = ["token", "1409304348", "nonce", encrypt];
        var bytewise = parts.OrderBy(p => Encoding.UTF8.GetBytes(p), ByteOrder.Instance);
        var expected = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(bytewise))));

        Assert.Equal(expected, Signature.Compute("token", "1409304348", "nonce", encrypt));
    }

    [Fact]
    public void Matches_accepts_only_the_exact_signature()
    {
        var computed = Signature.Compute("weixin", "1357982061", "1358161344");

        Assert.True(Signature.Matches("335b26997f05c82243aad6b10a2d1853637e71a8", computed));
        Assert.False(Signature.Matches(null, computed));
        Assert.False(Signature.Matches("", computed));
        Assert.False(Signature.Matches("335b26997f05c82243aad6b10a2d1853637e71a", computed));
        Assert.False(Signature.Matches("335b26997f05c82243aad6b10a2d1853637e71a80", computed));
        Assert.False(Signature.Matches("335b26997f05c82243aad6b10a2d1853637e71a9", computed));
    }

    private static string Expected(string[] parts)
    {
        var bytewise = parts.OrderBy(p => Encoding.UTF8.GetBytes(p), ByteOrder.Instance);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(bytewise))));
    }

    private static IEnumerable<string[]> Permutations(string[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (string[])[item, .. rest]));

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    [Theory]
    [InlineData("token", "1409304348", "xxxxxx", "enc+/=")]
    [InlineData("_x", "abc", "ABD", "abd")]
    [InlineData("Zz", "zZ", "0", "~")]
    public void Utf8_msg_signature_equals_the_string_one_in_every_order(string a, string b, string c, string d)
    {
        Span<byte> hex = stackalloc byte[40];

        Signature.ComputeUtf8(a, b, c, System.Text.Encoding.UTF8.GetBytes(d), hex);

        Assert.Equal(Signature.Compute(a, b, c, d), System.Text.Encoding.ASCII.GetString(hex));
    }

    [Fact]
    public void Utf8_signature_without_an_encrypt_value_is_the_official_url_signature()
    {
        Span<byte> hex = stackalloc byte[Signature.HexLength];

        Signature.ComputeUtf8("weixin", "1357982061", "1358161344", [], hex);

        Assert.True(Signature.Matches("335b26997f05c82243aad6b10a2d1853637e71a8", hex));
        Assert.False(Signature.Matches("335b26997f05c82243aad6b10a2d1853637e71a9", hex));
    }
}
