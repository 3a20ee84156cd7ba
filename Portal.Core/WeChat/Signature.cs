using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

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
    /// The <c>msg_signature</c> of a reply whose <c>Encrypt</c> value is already UTF-8 bytes, written as 40 lowercase
    /// hex digits in UTF-8 to <paramref name="hexUtf8"/>. Same result as the string overload, without the strings.
    /// </summary>
    public static void ComputeUtf8(string token, string timestamp, string nonce, ReadOnlySpan<byte> encryptUtf8, Span<byte> hexUtf8)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        var length = Encoding.UTF8.GetByteCount(token) + Encoding.UTF8.GetByteCount(timestamp) + Encoding.UTF8.GetByteCount(nonce) + encryptUtf8.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(2 * length);
        try
        {
            // The four parts side by side in the second half of the buffer, then in sorted order in the first.
            var parts = buffer.AsSpan(length, length);
            Span<Range> ranges = stackalloc Range[4];
            var at = 0;
            var i = 0;
            foreach (var part in (ReadOnlySpan<string>)[token, timestamp, nonce])
            {
                var written = Encoding.UTF8.GetBytes(part, parts[at..]);
                ranges[i++] = new Range(at, at + written);
                at += written;
            }

            encryptUtf8.CopyTo(parts[at..]);
            ranges[3] = new Range(at, length);

            // For the ASCII that WeChat signs, ordinal order of the strings is byte order of their UTF-8.
            for (i = 1; i < ranges.Length; i++)
            {
                var range = ranges[i];
                var j = i - 1;
                for (; j >= 0 && parts[ranges[j]].SequenceCompareTo(parts[range]) > 0; j--)
                {
                    ranges[j + 1] = ranges[j];
                }

                ranges[j + 1] = range;
            }

            at = 0;
            foreach (var range in ranges)
            {
                parts[range].CopyTo(buffer.AsSpan(at));
                at += parts[range].Length;
            }

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
            SHA1.HashData(buffer.AsSpan(0, length), hash);
            if (!Convert.TryToHexStringLower(hash, hexUtf8, out _))
            {
                throw new ArgumentException("The destination must hold 40 bytes.", nameof(hexUtf8));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
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

    /// <summary>As <see cref="Matches(string?, string)"/>, against a signature computed as UTF-8 hex.</summary>
    public static bool Matches(string? presentedHex, ReadOnlySpan<byte> computedHexUtf8)
    {
        if (presentedHex is null || presentedHex.Length != computedHexUtf8.Length || computedHexUtf8.Length > 64)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[computedHexUtf8.Length];
        if (!Encoding.UTF8.TryGetBytes(presentedHex, presented, out var written) || written != presented.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, computedHexUtf8);
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
