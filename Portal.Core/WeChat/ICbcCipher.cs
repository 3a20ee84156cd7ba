namespace Portal.Core.WeChat;

/// <summary>AES-CBC with one fixed key and IV, no padding: each call is one whole message.</summary>
/// <remarks>Implementations are safe to call from many threads at once.</remarks>
internal interface ICbcCipher
{
    /// <summary>Encrypts whole 16-byte blocks in place, chained from the IV.</summary>
    void EncryptInPlace(Span<byte> blocks);

    /// <summary>Decrypts whole 16-byte blocks in place, chained from the IV.</summary>
    void DecryptInPlace(Span<byte> blocks);
}
