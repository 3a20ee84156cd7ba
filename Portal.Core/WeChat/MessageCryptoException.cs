namespace Portal.Core.WeChat;

/// <summary>
/// A message that cannot be decrypted. Every failure of <see cref="MessageCrypto.Decrypt"/> surfaces as this
/// one type, so the webhook needs a single catch to answer WeChat with a rejection.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
/// </summary>
public sealed class MessageCryptoException : Exception
{
    public MessageCryptoException(MessageCryptoError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public MessageCryptoError Error { get; }

    /// <summary>The official numeric code, for example -40005.</summary>
    public int Code => (int)Error;
}
