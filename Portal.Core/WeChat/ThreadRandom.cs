using System.Security.Cryptography;

namespace Portal.Core.WeChat;

/// <summary>Cryptographic random bytes handed out from a per-thread block, filled from the system generator.</summary>
/// <remarks>
/// Each call of <see cref="RandomNumberGenerator.Fill"/> costs about 1 µs of OpenSSL, whatever its size, and an
/// encrypted reply needs 20 bytes. A 4 KB block serves about 200 replies for one call. Bytes are given out once
/// and wiped from the block as they go.
/// </remarks>
public static class ThreadRandom
{
    private const int BlockSize = 4096;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_used;

    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BlockSize / 4)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        var block = t_block;
        if (block is null || t_used + destination.Length > BlockSize)
        {
            block = t_block ??= new byte[BlockSize];
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }
        var taken = block.AsSpan(t_used, destination.Length);
        taken.CopyTo(destination);
        taken.Clear();
        t_used += destination.Length;
    }
}
