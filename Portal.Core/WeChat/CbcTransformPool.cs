using System.Security.Cryptography;

namespace Portal.Core.WeChat;

/// <summary>
/// Reusable AES-CBC transforms for one key and IV, in one direction, without padding.
/// </summary>
/// <remarks>
/// A one-shot <c>EncryptCbc</c> or <c>DecryptCbc</c> sets up a fresh OpenSSL cipher context (provider lookup, key
/// schedule) and tears it down again on every call, and on a message of a few hundred bytes that costs more than
/// the encryption: a transform keeps its context and only goes back to the IV between messages. Transforms are
/// not thread-safe, so a caller takes one from a few slots, or makes its own when all are taken.
/// </remarks>
internal sealed class CbcTransformPool(byte[] key, byte[] iv, bool encrypt) : IDisposable
{
    private readonly ICryptoTransform?[] _slots = new ICryptoTransform?[Math.Max(4, Environment.ProcessorCount * 2)];

    /// <summary>Transforms <paramref name="count"/> bytes (whole blocks) of <paramref name="buffer"/> in place.</summary>
    public void TransformInPlace(byte[] buffer, int offset, int count)
    {
        var transform = Rent();
        try
        {
            if (transform.TransformBlock(buffer, offset, count, buffer, offset) != count)
                throw new CryptographicException("The cipher did not transform every block.");

            // Ends the message: the chain goes back to the IV for the next one.
            transform.TransformFinalBlock(buffer, offset, 0);
        }
        catch
        {
            transform.Dispose(); // its chain state is unknown now
            throw;
        }

        Return(transform);
    }

    private ICryptoTransform Rent()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.Exchange(ref _slots[i], null) is { } idle)
                return idle;
        }

        using var aes = Aes.Create();
        aes.Key = key;
        aes.IV = iv;
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        return encrypt ? aes.CreateEncryptor() : aes.CreateDecryptor();
    }

    private void Return(ICryptoTransform transform)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[i], transform, null) is null)
                return;
        }

        transform.Dispose();
    }

    public void Dispose()
    {
        for (var i = 0; i < _slots.Length; i++)
            Interlocked.Exchange(ref _slots[i], null)?.Dispose();
    }
}
