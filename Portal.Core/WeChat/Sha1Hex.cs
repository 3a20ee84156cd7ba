using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.WeChat;

/// <summary>
/// SHA-1 over the UTF-8 form of some strings, as lowercase hex: the shape of every WeChat signature.
/// The bytes are encoded into a stack or pooled buffer so a signature costs one string, the result.
/// </summary>
internal static class Sha1Hex
{
    private const int StackLimit = 256;

    /// <summary>Hashes the concatenation of <paramref name="parts"/>, in the order given, with no separator.</summary>
    public static string OfConcatenation(ReadOnlySpan<string> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += Encoding.UTF8.GetByteCount(part);
        }

        byte[]? rented = null;
        var buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = 0;
            foreach (var part in parts)
            {
                written += Encoding.UTF8.GetBytes(part, buffer[written..]);
            }

            Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
            ThreadSha1.HashData(buffer[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
