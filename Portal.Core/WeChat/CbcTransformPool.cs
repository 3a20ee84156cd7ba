using System.Buffers;
using System.Security.Cryptography;

namespace Portal.Core.WeChat;

/// <summary>AES-CBC with one fixed key and IV and no padding, through .NET's AES with reused transforms.</summary>
/// <remarks>
/// A one-shot <c>EncryptCbc</c> or <c>DecryptCbc</c> sets up a fresh OpenSSL cipher context (provider lookup, key
/// schedule) and tears it down again on every call, and on a message of a few hundred bytes that costs more than
/// the encryption: a transform keeps its context and only goes back to the IV between messages. Transforms are
/// not thread-safe, so a caller takes one from a few slots, or makes its own when all are taken; the pool itself is
/// safe to share between threads. Each call is one whole message, chained from the IV.
/// The cipher is the framework's: Portal implements no cryptographic primitive of its own.
/// </remarks>
internal sealed class CbcTransformPool(byte[] key, byte[] iv) : IDisposable
{
    private readonly ICryptoTransform?[] _encryptors = new ICryptoTransform?[Math.Max(4, Environment.ProcessorCount * 2)];
    private readonly ICryptoTransform?[] _decryptors = new ICryptoTransform?[Math.Max(4, Environment.ProcessorCount * 2)];

    /// <summary>Encrypts whole 16-byte blocks in place, chained from the IV.</summary>
    public void EncryptInPlace(Span<byte> blocks) => TransformInPlace(_encryptors, encrypt: true, blocks);

    /// <summary>Decrypts whole 16-byte blocks in place, chained from the IV.</summary>
    public void DecryptInPlace(Span<byte> blocks) => TransformInPlace(_decryptors, encrypt: false, blocks);

    private void TransformInPlace(ICryptoTransform?[] slots, bool encrypt, Span<byte> blocks)
    {
        if (blocks.Length % 16 != 0)
            throw new ArgumentException("AES-CBC without padding takes whole 16-byte blocks.", nameof(blocks));
        if (blocks.IsEmpty)
            return;
        // Transforms work on arrays: the blocks go through a pooled one, wiped before it goes back.
        var buffer = ArrayPool<byte>.Shared.Rent(blocks.Length);
        var transform = Rent(slots, encrypt);
        try
        {
            blocks.CopyTo(buffer);
            if (transform.TransformBlock(buffer, 0, blocks.Length, buffer, 0) != blocks.Length)
                throw new CryptographicException("The cipher did not transform every block.");

            // Ends the message: the chain goes back to the IV for the next one.
            transform.TransformFinalBlock(buffer, 0, 0);
            buffer.AsSpan(0, blocks.Length).CopyTo(blocks);
        }
        catch
        {
            transform.Dispose(); // its chain state is unknown now
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, blocks.Length));
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Return(slots, transform);
    }

    private ICryptoTransform Rent(ICryptoTransform?[] slots, bool encrypt)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (Interlocked.Exchange(ref slots[i], null) is { } idle)
                return idle;
        }

        using var aes = Aes.Create();
        aes.Key = key;
        aes.IV = iv;
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        return encrypt ? aes.CreateEncryptor() : aes.CreateDecryptor();
    }

    private static void Return(ICryptoTransform?[] slots, ICryptoTransform transform)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], transform, null) is null)
                return;
        }

        transform.Dispose();
    }

    public void Dispose()
    {
        foreach (var slots in new[] { _encryptors, _decryptors })
        {
            for (var i = 0; i < slots.Length; i++)
                Interlocked.Exchange(ref slots[i], null)?.Dispose();
        }
    }
}
