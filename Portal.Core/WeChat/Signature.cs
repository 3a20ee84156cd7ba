using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Portal.Core.WeChat;

/// <summary>
/// The SHA-1 signatures on WeChat callbacks: <c>signature</c> over token, timestamp and nonce (every request),
/// and <c>msg_signature</c> over token, timestamp, nonce and the <c>Encrypt</c> value (safe and compatible mode).
/// See https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html and
/// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
/// </summary>
/// <remarks>
/// The parts are sorted ordinally. The default .NET string comparer is culture-sensitive and orders
/// <c>_x</c>, <c>abc</c>, <c>ABD</c> differently from WeChat, which sorts bytes.
/// </remarks>
public static class Signature
{
    /// <summary>The URL <c>signature</c>: pass token, timestamp and nonce in any order.</summary>
    public static string Compute(string a, string b, string c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        Span<string> parts = [a, b, c];
        SortOrdinal(parts);
        return Sha1Hex.OfConcatenation(parts);
    }

    /// <summary>The <c>msg_signature</c>: pass token, timestamp, nonce and the <c>Encrypt</c> value in any order.</summary>
    public static string Compute(string a, string b, string c, string d)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(d);
        Span<string> parts = [a, b, c, d];
        SortOrdinal(parts);
        return Sha1Hex.OfConcatenation(parts);
    }

    /// <summary>
    /// Whether the signature a request presented equals the one computed here, compared in constant time so
    /// response timing does not reveal how many leading characters were right. WeChat sends lowercase hex,
    /// so the comparison is exact.
    /// </summary>
    public static bool Matches(string? presentedHex, string computedHex)
    {
        ArgumentNullException.ThrowIfNull(computedHex);
        if (presentedHex is null || presentedHex.Length != computedHex.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(presentedHex.AsSpan()),
            MemoryMarshal.AsBytes(computedHex.AsSpan()));
    }

    /// <summary>Insertion sort: for three or four parts it beats a general sort and allocates no comparer delegate.</summary>
    private static void SortOrdinal(Span<string> parts)
    {
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i];
            var j = i - 1;
            for (; j >= 0 && string.CompareOrdinal(parts[j], part) > 0; j--)
            {
                parts[j + 1] = parts[j];
            }

            parts[j + 1] = part;
        }
    }
}
