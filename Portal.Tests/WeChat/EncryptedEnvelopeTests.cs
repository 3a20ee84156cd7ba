using System.Text;
using Portal.Core.WeChat;
using Portal.Core.WeChat.Inbound;

namespace Portal.Tests.WeChat;

public class EncryptedEnvelopeTests
{
    [Fact]
    public void Safe_mode_push_verifies_decrypts_and_parses()
    {
        var v = Vectors.DecryptById("SENPARC_SAFE_MODE_MIDDLEWARE_REAL");
        var body = $"<xml><ToUserName><![CDATA[gh_a96a4a619366]]></ToUserName>\n<Encrypt><![CDATA[{v.Encrypt}]]></Encrypt>\n</xml>";

        var envelope = EncryptedEnvelope.Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal("gh_a96a4a619366", envelope.ToUserName);
        Assert.True(Signature.Matches(v.MsgSignature, Signature.Compute(v.Token, v.Timestamp, v.Nonce, envelope.Encrypt)));
        var text = Assert.IsType<TextMessage>(InboundParser.Parse(new MessageCrypto(v.EncodingAesKey, v.AppId).Decrypt(envelope.Encrypt)));
        Assert.Equal("11", text.Content);
    }

    [Fact]
    public void Compatible_mode_push_yields_the_encrypt_value()
    {
        var v = Vectors.DecryptById("SENPARC_COMPAT_MODE_REAL");
        var body = v.DecryptedXml.Replace("</xml>", $"<Encrypt><![CDATA[{v.Encrypt}]]></Encrypt>\n</xml>", StringComparison.Ordinal);

        var envelope = EncryptedEnvelope.Parse(body);

        Assert.Equal(v.Encrypt, envelope.Encrypt);
        Assert.True(Signature.Matches(v.MsgSignature, Signature.Compute(v.Token, v.Timestamp, v.Nonce, envelope.Encrypt)));
    }

    [Fact]
    public void Body_without_encrypt_is_refused()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("<xml><ToUserName><![CDATA[gh_a]]></ToUserName></xml>"));

        Assert.Throws<InboundMessageFormatException>(() => EncryptedEnvelope.Parse(body));
    }

    [Fact]
    public void Envelope_with_a_dtd_is_refused()
    {
        const string body = "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&x;</Encrypt></xml>";

        Assert.Throws<InboundMessageFormatException>(() => EncryptedEnvelope.Parse(body));
    }

    [Fact]
    public void Locating_encrypt_gives_its_place_in_the_body_or_its_unescaped_value()
    {
        var plain = Encoding.UTF8.GetBytes("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[abc+/=]]></Encrypt></xml>");
        var escaped = Encoding.UTF8.GetBytes("<xml><Encrypt>abc&#43;/=</Encrypt></xml>");

        var (range, unescaped) = EncryptedEnvelope.LocateEncrypt(plain);
        var (noRange, value) = EncryptedEnvelope.LocateEncrypt(escaped);

        Assert.Null(unescaped);
        Assert.Equal("abc+/=", Encoding.UTF8.GetString(plain.AsSpan()[range!.Value]));
        Assert.Null(noRange);
        Assert.Equal("abc+/=", value);
        Assert.Throws<InboundMessageFormatException>(() => EncryptedEnvelope.LocateEncrypt("<xml><Encrypt></Encrypt></xml>"u8));
    }
}
