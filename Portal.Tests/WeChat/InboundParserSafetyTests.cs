using System.Text;
using Portal.Core.WeChat.Inbound;
using static Portal.Tests.WeChat.InboundSamples;

namespace Portal.Tests.WeChat;

public sealed class InboundParserSafetyTests : IDisposable
{
    private const string TextFields = "<Content><![CDATA[hi]]></Content>\n<MsgId>1</MsgId>";

    private readonly string _secretFile = Path.Combine(Path.GetTempPath(), $"portal-xxe-{Guid.NewGuid():N}.txt");
    private readonly string _secret = $"SECRET-{Guid.NewGuid():N}";

    public InboundParserSafetyTests() => File.WriteAllText(_secretFile, _secret);

    public void Dispose() => File.Delete(_secretFile);

    [Fact]
    public void External_entity_is_refused_and_the_file_never_read()
    {
        var body = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE xml [<!ENTITY x SYSTEM "{new Uri(_secretFile).AbsoluteUri}">]>
            {Message("text", "<Content>&x;</Content>\n<MsgId>1</MsgId>")}
            """;

        var e = Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));

        // The DTD itself is refused, before any entity is declared, let alone resolved.
        Assert.Contains("DTD", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Etc_passwd_payload_is_refused()
    {
        var body = "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" +
            Message("text", "<Content>&x;</Content>\n<MsgId>1</MsgId>");

        var e = Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.DoesNotContain("root:", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        var body = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [
             <!ENTITY lol "lol">
             <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <xml><ToUserName>gh_a</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime>
            <MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>
            """;

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
    }

    [Fact]
    public void External_dtd_reference_is_refused()
    {
        var body = "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + Message("text", TextFields);

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("success")]
    [InlineData("{\"MsgType\":\"text\"}")]
    [InlineData("<xml><ToUserName>gh_a</ToUserName>")]
    [InlineData("<xml><ToUserName>gh_a</FromUserName></xml>")]
    [InlineData("<xml><ToUserName>gh_a</ToUserName></xml><xml></xml>")]
    [InlineData("<xml><Content>a & b</Content></xml>")]
    public void Malformed_body_is_refused(string body)
    {
        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
    }

    [Fact]
    public void Root_other_than_xml_is_refused()
    {
        var body = Message("text", TextFields).Replace("<xml>", "<message>", StringComparison.Ordinal).Replace("</xml>", "</message>", StringComparison.Ordinal);

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Message("text", "<Content>XX</Content>\n<MsgId>1</MsgId>"));
        var at = Encoding.UTF8.GetString(bytes).IndexOf("XX", StringComparison.Ordinal);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(bytes));
    }

    [Theory]
    [InlineData("ToUserName")]
    [InlineData("FromUserName")]
    [InlineData("MsgType")]
    [InlineData("CreateTime")]
    public void Missing_common_field_is_refused(string field)
    {
        var lines = Message("text", TextFields).Split('\n').Where(l => !l.Contains($"<{field}>", StringComparison.Ordinal));
        var body = string.Join('\n', lines);
        if (field == "ToUserName")
        {
            body = "<xml>" + body;
        }

        var e = Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));

        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_sender_is_refused()
    {
        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(Message("text", TextFields, from: "")));
    }

    [Theory]
    [InlineData("<CreateTime>yesterday</CreateTime>", "CreateTime")]
    [InlineData("<MsgId>abc</MsgId>", "MsgId")]
    public void Non_numeric_key_field_is_refused(string element, string field)
    {
        var body = Message("text", "<Content>hi</Content>\n<MsgId>1</MsgId>");
        var tag = $"<{field}>";
        var start = body.IndexOf(tag, StringComparison.Ordinal);
        var end = body.IndexOf($"</{field}>", start, StringComparison.Ordinal) + tag.Length + 1;
        body = body[..start] + element + body[end..];

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
    }

    [Fact]
    public void Text_without_msg_id_is_refused()
    {
        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(Message("text", "<Content>hi</Content>")));
    }

    [Fact]
    public void Non_numeric_location_is_refused()
    {
        var body = Message("location", "<Location_X>north</Location_X><Location_Y>1</Location_Y><Scale>1</Scale><Label>x</Label><MsgId>1</MsgId>");

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
    }

    [Fact]
    public void Oversized_body_is_refused()
    {
        var body = Message("text", $"<Content>{new string('a', 2_000_000)}</Content>\n<MsgId>1</MsgId>");

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        var body = Message("text", string.Concat(Enumerable.Repeat("<a>", 50_000)) + string.Concat(Enumerable.Repeat("</a>", 50_000)) + TextFields);

        Assert.Throws<InboundMessageFormatException>(() => InboundParser.Parse(body));
    }
}
