namespace Portal.Core.WeChat;

/// <summary>
/// Why a message could not be decrypted, numbered as the official WXBizMsgCrypt samples number them so logs
/// read the same as WeChat's own documentation.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
/// </summary>
public enum MessageCryptoError
{
    /// <summary>The AppId at the end of the plaintext is not this account's: the message was meant for another account.</summary>
    AppIdMismatch = -40005,

    /// <summary>AES decryption failed or left invalid padding: a wrong key or a damaged ciphertext.</summary>
    DecryptFailed = -40007,

    /// <summary>The plaintext's length field points outside the buffer.</summary>
    IllegalBuffer = -40008,

    /// <summary>The <c>Encrypt</c> value is not base64.</summary>
    Base64DecodeFailed = -40010,
}
