using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.WeChat;

/// <summary>
/// Encrypts and decrypts message bodies for one account in safe or compatible mode: AES-256-CBC with the key
/// from the EncodingAESKey, IV = the key's first 16 bytes, plaintext
/// <c>random(16) || uint32 big-endian length || message UTF-8 || AppId UTF-8</c> padded PKCS#7 to 32-byte blocks.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
/// </summary>
/// <remarks>
/// The padding block is 32 bytes, not AES's 16, so pad bytes run up to 32 and .NET's PKCS7 mode rejects real
/// messages: both directions use <see cref="PaddingMode.None"/> and pad by hand. CBC carries no integrity check:
/// verify msg_signature (<see cref="Signature"/>) before decrypting. Safe to share between threads.
/// </remarks>
public sealed class MessageCrypto
{
    private const int KeyChars = 43;
    private const int KeyBytes = 32;
    private const int RandomBytes = 16;
    private const int LengthBytes = 4;
    private const int HeaderBytes = RandomBytes + LengthBytes;
    private const int PadBlock = 32;

    private readonly byte[] _key;
    private readonly byte[] _iv;
    private readonly byte[] _appId;

    private readonly CbcTransformPool _cbc;

    /// <param name="encodingAesKey">The 43-character EncodingAESKey from the console.</param>
    /// <param name="appId">The account's AppId, which ends every plaintext.</param>
    /// <exception cref="ArgumentException">The key is not 43 base64 characters decoding to 32 bytes, or the AppId is empty.</exception>
    public MessageCrypto(string encodingAesKey, string appId)
    {
        ArgumentNullException.ThrowIfNull(encodingAesKey);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        if (encodingAesKey.Length != KeyChars)
        {
            throw new ArgumentException(
                $"The EncodingAESKey must be {KeyChars} characters; this one has {encodingAesKey.Length}.",
                nameof(encodingAesKey));
        }

        // The console shows base64 without its one '=' of padding.
        Span<byte> key = stackalloc byte[KeyBytes + 1];
        if (!Convert.TryFromBase64String(encodingAesKey + "=", key, out var keyLength) || keyLength != KeyBytes)
        {
            throw new ArgumentException(
                $"The EncodingAESKey must be base64 that decodes to {KeyBytes} bytes.",
                nameof(encodingAesKey));
        }

        _key = key[..KeyBytes].ToArray();
        _iv = _key[..16];
        _appId = Encoding.UTF8.GetBytes(appId);
        _cbc = new CbcTransformPool(_key, _iv);
    }

    /// <summary>Decrypts an <c>Encrypt</c> value to the inner XML, checking that it was meant for this AppId.</summary>
    /// <exception cref="MessageCryptoException">Anything is wrong with the ciphertext; see <see cref="MessageCryptoException.Error"/>.</exception>
    public string Decrypt(string encryptBase64) => Decrypt(encryptBase64, static utf8 => Encoding.UTF8.GetString(utf8));

    /// <summary>
    /// Decrypts and hands the message's UTF-8 bytes to <paramref name="read"/>, which must not keep them:
    /// the buffer is wiped and pooled when it returns. Lets a parser read the message without a string copy.
    /// </summary>
    public T Decrypt<T>(string encryptBase64, Func<ReadOnlySpan<byte>, T> read)
    {
        ArgumentNullException.ThrowIfNull(encryptBase64);
        var buffer = ArrayPool<byte>.Shared.Rent((encryptBase64.Length / 4 * 3) + 3);
        if (!Convert.TryFromBase64String(encryptBase64, buffer, out var length))
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new MessageCryptoException(MessageCryptoError.Base64DecodeFailed, "The Encrypt value is not valid base64.");
        }

        return DecryptDecoded(buffer, length, read);
    }

    /// <summary>As <see cref="Decrypt{T}(string, Func{ReadOnlySpan{byte}, T})"/>, from the base64 as it lies in the body, in UTF-8.</summary>
    public T Decrypt<T>(ReadOnlySpan<byte> encryptBase64Utf8, Func<ReadOnlySpan<byte>, T> read)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((encryptBase64Utf8.Length / 4 * 3) + 3);
        if (Base64.DecodeFromUtf8(encryptBase64Utf8, buffer, out _, out var length) != OperationStatus.Done)
        {
            // Strict on the fast path; the string decoder also allows whitespace, and decides.
            ArrayPool<byte>.Shared.Return(buffer);
            return Decrypt(Encoding.UTF8.GetString(encryptBase64Utf8), read);
        }

        return DecryptDecoded(buffer, length, read);
    }

    /// <summary>Decrypts the decoded ciphertext in <paramref name="buffer"/> (rented) and hands the message to <paramref name="read"/>.</summary>
    private T DecryptDecoded<T>(byte[] buffer, int length, Func<ReadOnlySpan<byte>, T> read)
    {
        try
        {
            return read(Unwrap(DecryptInPlace(buffer, length)));
        }
        finally
        {
            // The buffer held a follower's message; it goes back to a shared pool.
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Encrypts a message (usually reply XML) with a fresh random prefix.</summary>
    public string Encrypt(string plaintext)
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        ThreadRandom.Fill(random);
        return Encrypt(plaintext, random);
    }

    /// <summary>
    /// Encrypts a message with the given 16-byte random prefix. The official samples publish ciphertexts made with
    /// a fixed prefix; this overload reproduces them byte for byte. Production code wants <see cref="Encrypt(string)"/>.
    /// </summary>
    public string Encrypt(string plaintext, ReadOnlySpan<byte> random16)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxEncryptedBase64Length(plaintext));
        try
        {
            return Encoding.ASCII.GetString(buffer, 0, EncryptToBase64Utf8(plaintext, random16, buffer));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The most bytes <see cref="EncryptToBase64Utf8"/> can write for <paramref name="plaintext"/>.</summary>
    public int MaxEncryptedBase64Length(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var padded = ((HeaderBytes + Encoding.UTF8.GetMaxByteCount(plaintext.Length) + _appId.Length) / PadBlock + 1) * PadBlock;
        return Base64.GetMaxEncodedToUtf8Length(padded);
    }

    /// <summary>
    /// Encrypts as <see cref="Encrypt(string, ReadOnlySpan{byte})"/> does, writing the base64 as UTF-8 bytes: the form
    /// a reply goes out in, without a string on the way. Returns the number of bytes written.
    /// </summary>
    /// <param name="destination">At least <see cref="MaxEncryptedBase64Length"/> bytes.</param>
    public int EncryptToBase64Utf8(string plaintext, ReadOnlySpan<byte> random16, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (random16.Length != RandomBytes)
        {
            throw new ArgumentException($"The random prefix must be {RandomBytes} bytes.", nameof(random16));
        }

        var messageLength = Encoding.UTF8.GetByteCount(plaintext);
        var unpadded = HeaderBytes + messageLength + _appId.Length;
        var pad = PadBlock - (unpadded % PadBlock);
        var total = unpadded + pad;
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var block = buffer.AsSpan(0, total);
            random16.CopyTo(block);
            BinaryPrimitives.WriteInt32BigEndian(block[RandomBytes..], messageLength);
            Encoding.UTF8.GetBytes(plaintext, block[HeaderBytes..]);
            _appId.CopyTo(block[(HeaderBytes + messageLength)..]);
            block[unpadded..].Fill((byte)pad);

            _cbc.EncryptInPlace(block);

            if (Base64.EncodeToUtf8(block, destination, out _, out var written) != OperationStatus.Done)
            {
                throw new ArgumentException("The destination is too small for the encrypted message.", nameof(destination));
            }

            return written;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, total));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Span<byte> DecryptInPlace(byte[] buffer, int length)
    {
        var data = buffer.AsSpan(0, length);
        if (data.Length == 0 || data.Length % 16 != 0)
        {
            throw new MessageCryptoException(
                MessageCryptoError.DecryptFailed, "The ciphertext is not a whole number of AES blocks.");
        }

        try
        {
            _cbc.DecryptInPlace(data);
        }
        catch (CryptographicException e)
        {
            throw new MessageCryptoException(MessageCryptoError.DecryptFailed, "AES decryption failed.", e);
        }

        int pad = data[^1];
        if (pad is < 1 or > PadBlock || pad > data.Length)
        {
            throw new MessageCryptoException(
                MessageCryptoError.DecryptFailed, "The decrypted padding is invalid: wrong key or damaged ciphertext.");
        }

        return data[..^pad];
    }

    private ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> content)
    {
        if (content.Length < HeaderBytes)
        {
            throw new MessageCryptoException(MessageCryptoError.IllegalBuffer, "The plaintext is shorter than its header.");
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content[RandomBytes..]);
        if (messageLength > (uint)(content.Length - HeaderBytes))
        {
            throw new MessageCryptoException(
                MessageCryptoError.IllegalBuffer, "The plaintext's length field points past its end.");
        }

        var message = content.Slice(HeaderBytes, (int)messageLength);
        var appId = content[(HeaderBytes + (int)messageLength)..];
        if (!appId.SequenceEqual(_appId))
        {
            throw new MessageCryptoException(
                MessageCryptoError.AppIdMismatch, "The message was encrypted for a different AppId.");
        }

        return message;
    }
}
