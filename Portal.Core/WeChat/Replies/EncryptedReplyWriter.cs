namespace Portal.Core.WeChat.Replies;

/// <summary>
/// Wraps reply XML for safe or compatible mode: encrypted, and signed with msg_signature over token, timestamp,
/// nonce and the Encrypt value. Send it whenever the request came with <c>encrypt_type=aes</c>; the bare
/// <c>success</c> answer stays unencrypted.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
/// </summary>
public static class EncryptedReplyWriter
{
    private const int StackChars = 1024;

    /// <param name="replyXml">The plain reply, from <see cref="ReplyWriter"/>.</param>
    /// <param name="crypto">The account's crypto.</param>
    /// <param name="token">The account's token.</param>
    /// <param name="timestamp">Unix seconds as digits; the request's own value may be reused, as the official sample does.</param>
    /// <param name="nonce">Any nonce; the request's may be reused.</param>
    public static string Write(string replyXml, MessageCrypto crypto, string token, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        Check(token, timestamp, nonce);
        return Envelope(crypto.Encrypt(replyXml), token, timestamp, nonce);
    }

    /// <summary>As <see cref="Write(string, MessageCrypto, string, string, string)"/> with a fixed random prefix, which makes the output reproducible.</summary>
    public static string Write(
        string replyXml, MessageCrypto crypto, string token, string timestamp, string nonce, ReadOnlySpan<byte> random16)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        Check(token, timestamp, nonce);
        return Envelope(crypto.Encrypt(replyXml, random16), token, timestamp, nonce);
    }

    private static void Check(string token, string timestamp, string nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        ArgumentException.ThrowIfNullOrEmpty(nonce);

        // TimeStamp is written bare, as WeChat writes numbers; anything but digits could break the document.
        if (timestamp.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("The timestamp must be unix seconds written as digits.", nameof(timestamp));
        }
    }

    private static string Envelope(string encrypt, string token, string timestamp, string nonce)
    {
        var signature = Signature.Compute(token, timestamp, nonce, encrypt);
        var xml = new ReplyXmlBuilder(stackalloc char[StackChars]);
        try
        {
            xml.Raw("<xml>");
            xml.TextElement("Encrypt", encrypt);
            xml.TextElement("MsgSignature", signature);
            xml.Raw("<TimeStamp>");
            xml.Raw(timestamp);
            xml.Raw("</TimeStamp>");
            xml.TextElement("Nonce", nonce);
            xml.Raw("</xml>");
            return xml.ToString();
        }
        finally
        {
            xml.Dispose();
        }
    }
}
