using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.WeChat.Replies;

/// <summary>
/// Wraps reply XML for safe or compatible mode: encrypted, and signed with msg_signature over token, timestamp,
/// nonce and the Encrypt value. Send it whenever the request came with <c>encrypt_type=aes</c>; the bare
/// <c>success</c> answer stays unencrypted.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Message_encryption_and_decryption_instructions.html
/// </summary>
public static class EncryptedReplyWriter
{
    /// <summary>The random bytes that open every ciphertext.</summary>
    public const int RandomLength = 16;

    /// <param name="replyXml">The plain reply, from <see cref="ReplyWriter"/>.</param>
    /// <param name="crypto">The account's crypto.</param>
    /// <param name="token">The account's token.</param>
    /// <param name="timestamp">Unix seconds as digits; the request's own value may be reused, as the official sample does.</param>
    /// <param name="nonce">Any nonce; the request's may be reused.</param>
    public static string Write(string replyXml, MessageCrypto crypto, string token, string timestamp, string nonce)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        ThreadRandom.Fill(random);
        return Write(replyXml, crypto, token, timestamp, nonce, random);
    }

    /// <summary>As <see cref="Write(string, MessageCrypto, string, string, string)"/> with a fixed random prefix, which makes the output reproducible.</summary>
    public static string Write(
        string replyXml, MessageCrypto crypto, string token, string timestamp, string nonce, ReadOnlySpan<byte> random16)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxUtf8Length(replyXml, crypto, token, timestamp, nonce));
        try
        {
            return Encoding.UTF8.GetString(buffer, 0, WriteUtf8(replyXml, crypto, token, timestamp, nonce, random16, buffer));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The most bytes <see cref="WriteUtf8"/> can write.</summary>
    public static int MaxUtf8Length(string replyXml, MessageCrypto crypto, string token, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        Check(token, timestamp, nonce);
        return crypto.MaxEncryptedBase64Length(replyXml) + Encoding.UTF8.GetMaxByteCount(timestamp.Length + (2 * nonce.Length)) + 256;
    }

    /// <summary>
    /// Writes the envelope as UTF-8 bytes, the form it is sent in, without building the strings on the way.
    /// Returns the number of bytes written.
    /// </summary>
    /// <param name="destination">At least <see cref="MaxUtf8Length"/> bytes.</param>
    public static int WriteUtf8(
        string replyXml, MessageCrypto crypto, string token, string timestamp, string nonce, ReadOnlySpan<byte> random16, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        Check(token, timestamp, nonce);
        var at = Append(destination, 0, "<xml><Encrypt><![CDATA["u8);
        var encryptLength = crypto.EncryptToBase64Utf8(replyXml, random16, destination[at..]);
        var encrypt = destination.Slice(at, encryptLength);
        at += encryptLength;
        at = Append(destination, at, "]]></Encrypt><MsgSignature><![CDATA["u8);
        Signature.ComputeUtf8(token, timestamp, nonce, encrypt, destination.Slice(at, 40));
        at += 40;
        at = Append(destination, at, "]]></MsgSignature><TimeStamp>"u8);
        at += Encoding.UTF8.GetBytes(timestamp, destination[at..]);
        at = Append(destination, at, "</TimeStamp><Nonce><![CDATA["u8);
        // A nonce with "]]>" in it would end the section early: it is split across two, as the reply writer does.
        var pieces = nonce.AsSpan();
        for (var end = pieces.IndexOf("]]>"); end >= 0; end = pieces.IndexOf("]]>"))
        {
            at += Encoding.UTF8.GetBytes(pieces[..end], destination[at..]);
            at = Append(destination, at, "]]]]><![CDATA[>"u8);
            pieces = pieces[(end + 3)..];
        }

        at += Encoding.UTF8.GetBytes(pieces, destination[at..]);
        return Append(destination, at, "]]></Nonce></xml>"u8);
    }

    private static int Append(Span<byte> destination, int at, ReadOnlySpan<byte> markup)
    {
        markup.CopyTo(destination[at..]);
        return at + markup.Length;
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
}
