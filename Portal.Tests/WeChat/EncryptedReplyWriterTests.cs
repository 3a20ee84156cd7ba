using System.Text;
using System.Xml.Linq;
using Portal.Core.WeChat;
using Portal.Core.WeChat.Replies;

namespace Portal.Tests.WeChat;

public class EncryptedReplyWriterTests
{
    [Fact]
    public void Encrypted_reply_decrypts_back_and_its_signature_verifies()
    {
        var v = Vectors.DecryptById("SENPARC_COMPAT_MODE_REAL");
        var crypto = new MessageCrypto(v.EncodingAesKey, v.AppId);
        var plain = ReplyWriter.Write(new TextReply("收到 ]]> 😀"), "olPjZjsXuQPJoV0HlruZkNzKc91E", "gh_a96a4a619366", 1414387152);

        var xml = EncryptedReplyWriter.Write(plain, crypto, v.Token, v.Timestamp, v.Nonce);

        var root = XDocument.Parse(xml).Root!;
        var encrypt = root.Element("Encrypt")!.Value;
        Assert.Equal(v.Timestamp, root.Element("TimeStamp")?.Value);
        Assert.Equal(v.Nonce, root.Element("Nonce")?.Value);
        Assert.True(Signature.Matches(root.Element("MsgSignature")?.Value, Signature.Compute(v.Token, v.Timestamp, v.Nonce, encrypt)));
        Assert.Equal(plain, crypto.Decrypt(encrypt));
        Assert.Contains($"<TimeStamp>{v.Timestamp}</TimeStamp>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypted_reply_reproduces_the_official_sample()
    {
        var v = Vectors.EncryptById("TENCENT_JAVA_SAMPLE_ENCRYPT_2");
        var crypto = new MessageCrypto(v.EncodingAesKey, v.AppId);

        var xml = EncryptedReplyWriter.Write(v.Plaintext, crypto, v.Token, v.Timestamp, v.Nonce, Encoding.ASCII.GetBytes(v.Random16));

        Assert.Equal(
            $"<xml><Encrypt><![CDATA[{v.Encrypt}]]></Encrypt>" +
            $"<MsgSignature><![CDATA[{v.MsgSignatureDerived}]]></MsgSignature>" +
            $"<TimeStamp>{v.Timestamp}</TimeStamp>" +
            $"<Nonce><![CDATA[{v.Nonce}]]></Nonce></xml>",
            xml);
    }

    [Theory]
    [InlineData("1409304348<x/>")]
    [InlineData("-1")]
    [InlineData("")]
    public void Timestamp_that_is_not_digits_is_refused(string timestamp)
    {
        var crypto = new MessageCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

        Assert.ThrowsAny<ArgumentException>(() => EncryptedReplyWriter.Write("<xml/>", crypto, "token", timestamp, "nonce"));
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("a]]>b")]
    [InlineData("]]>]]>")]
    public void A_nonce_with_a_cdata_end_still_reads_back_whole(string nonce)
    {
        var crypto = new MessageCrypto("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wxb11529c136998cb6");

        var xml = EncryptedReplyWriter.Write("<xml><Content><![CDATA[hi]]></Content></xml>", crypto, "token", "1409304348", nonce);

        var envelope = System.Xml.Linq.XElement.Parse(xml);
        Assert.Equal(nonce, envelope.Element("Nonce")!.Value);
        var encrypt = envelope.Element("Encrypt")!.Value;
        Assert.Equal(Signature.Compute("token", "1409304348", nonce, encrypt), envelope.Element("MsgSignature")!.Value);
        Assert.Equal("<xml><Content><![CDATA[hi]]></Content></xml>", crypto.Decrypt(encrypt));
    }
}
