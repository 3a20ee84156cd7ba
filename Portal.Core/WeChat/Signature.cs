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
    /// <summary>The length of a signature written as hex.</summary>
    public const int HexLength = 2 * SHA1.HashSizeInBytes;

    // The URL signature is worked out in this much stack; a msg_signature over an Encrypt value, in a pooled buffer.
    private const int StackLimit = 512;

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
    /// The <c>msg_signature</c> over token, timestamp, nonce and an <c>Encrypt</c> value that is already UTF-8 bytes,
    /// written as 40 lowercase hex digits in UTF-8 to <paramref name="hexUtf8"/>. Same result as the string overload,
    /// without the strings. With an empty <paramref name="encryptUtf8"/> it is the URL <c>signature</c>: an empty part
    /// sorts first and adds nothing, so the webhook checks both kinds with this one method.
    /// </summary>
    public static void ComputeUtf8(string token, ReadOnlySpan<char> timestamp, ReadOnlySpan<char> nonce, ReadOnlySpan<byte> encryptUtf8, Span<byte> hexUtf8)
    {
        ArgumentNullException.ThrowIfNull(token);
        var length = Encoding.UTF8.GetByteCount(token) + Encoding.UTF8.GetByteCount(timestamp) + Encoding.UTF8.GetByteCount(nonce) + encryptUtf8.Length;
        byte[]? rented = null;
        var buffer = 2 * length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(2 * length));
        try
        {
            // The four parts side by side in the second half of the buffer, then in sorted order in the first.
            var parts = buffer.Slice(length, length);
            Span<Range> ranges = stackalloc Range[4];
            var at = Encoding.UTF8.GetBytes(token, parts);
            ranges[0] = ..at;
            at += Encoding.UTF8.GetBytes(timestamp, parts[at..]);
            ranges[1] = ranges[0].End..at;
            at += Encoding.UTF8.GetBytes(nonce, parts[at..]);
            ranges[2] = ranges[1].End..at;
            encryptUtf8.CopyTo(parts[at..]);
            ranges[3] = at..length;

            // For the ASCII that WeChat signs, ordinal order of the strings is byte order of their UTF-8.
            for (var i = 1; i < ranges.Length; i++)
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
                parts[range].CopyTo(buffer[at..]);
                at += parts[range].Length;
            }

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
            ThreadSha1.HashData(buffer[..length], hash);
            if (!Convert.TryToHexStringLower(hash, hexUtf8, out _))
            {
                throw new ArgumentException($"The destination must hold {HexLength} bytes.", nameof(hexUtf8));
            }
        }
        finally
        {
            // The token is a secret: it does not stay on the stack or in a shared pool.
            CryptographicOperations.ZeroMemory(buffer[..(2 * length)]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
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
    public static bool Matches(ReadOnlySpan<char> presentedHex, ReadOnlySpan<byte> computedHexUtf8)
    {
        if (presentedHex.Length != computedHexUtf8.Length || computedHexUtf8.Length > 64)
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
