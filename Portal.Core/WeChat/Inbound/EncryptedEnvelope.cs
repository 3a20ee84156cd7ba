namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// The outer body WeChat posts in safe mode (<c>ToUserName</c> and <c>Encrypt</c> only) or compatible mode (the
/// plaintext fields as well; only Encrypt matters then, as only it is covered by msg_signature).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
/// </summary>
/// <param name="ToUserName">The account's original id, when present.</param>
/// <param name="Encrypt">The base64 ciphertext: the input to msg_signature and to <see cref="MessageCrypto.Decrypt"/>.</param>
public sealed record EncryptedEnvelope(string? ToUserName, string Encrypt)
{
    /// <exception cref="InboundMessageFormatException">The body is malformed or has no Encrypt.</exception>
    public static EncryptedEnvelope Parse(ReadOnlySpan<byte> xml) => From(InboundXml.Read(xml));

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static EncryptedEnvelope Parse(Stream xml) => From(InboundXml.Read(xml));

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static EncryptedEnvelope Parse(string xml) => From(InboundXml.Read(xml));

    /// <summary>
    /// Where the Encrypt value is in <paramref name="xml"/>, so that it can be signed and decrypted where it lies;
    /// or, when it had to be unescaped, the value itself.
    /// </summary>
    /// <exception cref="InboundMessageFormatException">The body is malformed or has no Encrypt.</exception>
    public static (Range? Range, string? Unescaped) LocateEncrypt(ReadOnlySpan<byte> xml)
    {
        var fields = InboundXml.Read(xml, "Encrypt"u8, out var raw);
        if (raw is { } range && range.End.Value > range.Start.Value)
            return (range, null);
        var encrypt = fields.Find("Encrypt");
        return string.IsNullOrEmpty(encrypt)
            ? throw new InboundMessageFormatException("The body has no Encrypt.")
            : (null, encrypt);
    }

    private static EncryptedEnvelope From(FieldMap fields)
    {
        var encrypt = fields.Find("Encrypt");
        return string.IsNullOrEmpty(encrypt)
            ? throw new InboundMessageFormatException("The body has no Encrypt.")
            : new EncryptedEnvelope(fields.Find("ToUserName"), encrypt);
    }
}
