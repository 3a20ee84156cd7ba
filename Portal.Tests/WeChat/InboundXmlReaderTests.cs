using System.Text;
using Portal.Core.WeChat.Inbound;
using static Portal.Tests.WeChat.InboundSamples;

namespace Portal.Tests.WeChat;

/// <summary>
/// Portal's own XML reader against the framework's XmlReader on the same bytes: the same tree from every
/// well-formed body, and a refusal of every body XmlReader refuses.
/// </summary>
public sealed class InboundXmlReaderTests
{
    public static TheoryData<string> WellFormed() =>
    [
        Message("text", "<Content><![CDATA[a & b < c]]></Content>\n<MsgId>1</MsgId>"),
        Message("text", "<Content>a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;</Content><MsgId>1</MsgId>"),
        Message("text", "<Content>&#20013;&#x6587; &#x1F600; &#13;</Content><MsgId>1</MsgId>"),
        Message("text", "<Content><![CDATA[x]]]]><![CDATA[>y]]></Content><MsgId>1</MsgId>"),
        Message("text", "<Content>line one\r\nline two\rline three\n</Content><MsgId>1</MsgId>"),
        Message("text", "<Content><![CDATA[cr\r\nin cdata\r]]></Content><MsgId>1</MsgId>"),
        Message("text", "<Content>  <![CDATA[padded]]>  </Content><MsgId>1</MsgId>"),
        Message("text", "<Content>be<!-- a comment -->fore<?pi data?>after</Content><MsgId>1</MsgId>"),
        Message("text", "<Content/><MsgId>1</MsgId><Empty></Empty>"),
        Message("text", "<Content lang=\"zh\" note='x &amp; y'>hi</Content ><MsgId>1</MsgId>"),
        Message("text", "<Content>😀 emoji, 中文, ]] and ]> are text</Content><MsgId>1</MsgId>"),
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- before -->\n" + Message("text", "<Content>x</Content><MsgId>1</MsgId>") + "\n<!-- after -->\n",
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>" + Message("text", "<Content>x</Content><MsgId>1</MsgId>"),
        Event("pic_sysphoto", "<EventKey>k</EventKey><SendPicsInfo><Count>1</Count>\n<PicList><item><PicMd5Sum><![CDATA[1b5f]]></PicMd5Sum>\n</item>\n</PicList>\n</SendPicsInfo>"),
        Event("subscribe_msg_popup_event", "<SubscribeMsgPopupEvent><List><TemplateId>a</TemplateId><SubscribeStatusString>accept</SubscribeStatusString><PopupScene>2</PopupScene></List><List><TemplateId>b</TemplateId></List></SubscribeMsgPopupEvent>"),
        Message("text", "<Block>text <Inner>v</Inner> more</Block><MsgId>1</MsgId>"),
        "<xml/>",
        "<xml>root text</xml>",
        "<xml><A.b-c_d>1</A.b-c_d><_x>2</_x></xml>",
    ];

    [Theory]
    [MemberData(nameof(WellFormed))]
    public void Reads_well_formed_bodies_as_XmlReader_does(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var expected = XmlReaderOracle.Read(bytes);

        Assert.NotNull(expected);
        Assert.Equal(expected, XmlReaderOracle.Render("xml", InboundXml.Read(bytes)));
        Assert.Equal(expected, XmlReaderOracle.Render("xml", InboundXml.Read(body)));
    }

    [Fact]
    public void Reads_every_vector_as_XmlReader_does()
    {
        foreach (var vector in Vectors.Decrypt)
        {
            foreach (var body in new[] { vector.DecryptedXml, $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{vector.Encrypt}]]></Encrypt></xml>" })
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                Assert.Equal(XmlReaderOracle.Read(bytes), XmlReaderOracle.Render("xml", InboundXml.Read(bytes)));
            }
        }
    }

    public static TheoryData<string> Malformed() =>
    [
        "<xml><A>1</B></xml>",
        "<xml><A>1</A>",
        "<xml><A>1</A></xml><xml/>",
        "<xml></xml>junk",
        "<xml><A>&unknown;</A></xml>",
        "<xml><A>& alone</A></xml>",
        "<xml><A>&#0;</A></xml>",
        "<xml><A>&#xD800;</A></xml>",
        "<xml><A>&#x;</A></xml>",
        "<xml><A>]]></A></xml>",
        "<xml><A>\u0001</A></xml>",
        "<xml><A><![CDATA[open</A></xml>",
        "<xml><A><!-- a -- b --></A></xml>",
        "<xml><A x=1>v</A></xml>",
        "<xml><A x=\"<\">v</A></xml>",
        "<xml><A x=\"1\"y=\"2\">v</A></xml>",
        "<xml><A x=\"1\" x=\"2\">v</A></xml>",
        "<xml><1A>v</1A></xml>",
        "<xml><A>v</A ></xml ><?xml version=\"1.0\"?>",
        "<!DOCTYPE xml [<!ENTITY a \"b\">]><xml><A>&a;</A></xml>",
        "<xml><!DOCTYPE x><A>1</A></xml>",
        "<xml><![INCLUDE[x]]></xml>",
        "",
        "   ",
        "text only",
        "<?xml version=\"1.0\"?>",
    ];

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Refuses_what_XmlReader_refuses(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.Null(XmlReaderOracle.Read(bytes));
        Assert.Throws<InboundMessageFormatException>(() => InboundXml.Read(bytes));
    }

    [Fact]
    public void Refuses_a_declared_encoding_other_than_utf8_in_bytes_but_not_in_text()
    {
        var body = "<?xml version=\"1.0\" encoding=\"GB2312\"?>" + Message("text", "<Content>x</Content><MsgId>1</MsgId>");

        Assert.Throws<InboundMessageFormatException>(() => InboundXml.Read(Encoding.UTF8.GetBytes(body)));
        Assert.Equal("x", InboundXml.Read(body).Find("Content"));
    }

    [Fact]
    public void Refuses_a_lone_surrogate_in_text()
    {
        Assert.Throws<InboundMessageFormatException>(() => InboundXml.Read("<xml><A>\uD800</A></xml>"));
    }

    /// <summary>
    /// Thousands of damaged bodies, made by cutting, repeating and inserting markup characters at random (seeded):
    /// each one is refused by both readers or read by both to the same tree. XML declarations are left out of the
    /// damage: there XmlReader has quirks of its own (it takes some malformed ones), and Portal is the stricter. So
    /// are non-ASCII characters in names, which Portal lets through and XmlReader checks by XML's older rules.
    /// Run with other seeds and 150,000 bodies, it found the two differences now fixed (a processing instruction's
    /// name running into its data, a repeated attribute), then none.
    /// </summary>
    [Theory]
    [InlineData("&#202020013;")]
    [InlineData("&#x110000;")]
    [InlineData("&#99999999999999999999;")]
    public void Refuses_a_character_reference_beyond_unicode(string reference)
    {
        Assert.Throws<InboundMessageFormatException>(() => InboundXml.Read($"<xml><A>{reference}</A></xml>"));
    }

    private static bool ReferencesBeyondUnicode(string body) =>
        System.Text.RegularExpressions.Regex.Matches(body, "&#(x[0-9A-Fa-f]+|[0-9]+);").Any(m =>
            m.Groups[1].Value is var number && (number.Length > 8
                || (number[0] == 'x' ? Convert.ToInt64(number[1..], 16) : long.Parse(number, System.Globalization.CultureInfo.InvariantCulture)) > 0x10FFFF));

    [Fact]
    public void Agrees_with_XmlReader_on_damaged_bodies()
    {
        var random = new Random(Environment.TickCount);
        string[] seeds =
        [
            Message("text", "<Content><![CDATA[hi & bye]]></Content>\n<MsgId>1</MsgId>"),
            Message("text", "<Content>a &amp; b &#20013;</Content><!-- c --><MsgId>1</MsgId>"),
            Event("scancode_push", "<EventKey><![CDATA[k]]></EventKey><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>"),
            "<xml><A x='1'>v</A><B/><!-- c --><?pi x?></xml>",
        ];
        string[] insertions = ["<", ">", "&", ";", "]]>", "<![CDATA[", "]]", "/", "\"", "'", "=", " ", "\r", "<!--", "-->", "<?", "?>", "&#", "x", "</A>", "<A>",
            "&amp;", "&#0;", "&#x41;", "&#65;", "\u0001", "<!DOCTYPE x>", "<![CDATA[]]>", "\t", "\n", " y='2'", "&lt", "&#xD800;",
            "<?xml?>", "<B/>", "&#x10FFFF;", "&#xFFFE;", "--", "-->",
        ];
        var accepted = 0;
        for (var i = 0; i < 150000; i++)
        {
            var body = seeds[random.Next(seeds.Length)];
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(body.Length + 1);
                body = random.Next(3) switch
                {
                    0 when body.Length > 0 && at < body.Length => body.Remove(at, random.Next(1, Math.Min(6, body.Length - at) + 1)),
                    1 when at < body.Length => body.Insert(at, body.Substring(at, random.Next(1, Math.Min(8, body.Length - at) + 1))),
                    _ => body.Insert(at, insertions[random.Next(insertions.Length)]),
                };
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            var expected = XmlReaderOracle.Read(bytes);
            string? actual;
            try
            {
                actual = XmlReaderOracle.Render("xml", InboundXml.Read(bytes));
            }
            catch (InboundMessageFormatException)
            {
                actual = null;
            }

            // A different root name is refused by Portal after XmlReader has read it: not a disagreement.
            if (expected is not null && !expected.StartsWith("(xml", StringComparison.Ordinal) || expected?.Length > 4 && expected[4] is not ('(' or ')'))
                expected = null;
            // XmlReader takes a character reference past U+10FFFF, keeping the low bits of the number (it read
            // &#202020013; as U+A94AD); XML allows no such character, and Portal refuses it.
            if (expected is not null && actual is null && ReferencesBeyondUnicode(body))
                expected = null;
            Assert.True(expected == actual, $"Body: {body}\nXmlReader: {expected ?? "refused"}\nPortal: {actual ?? "refused"}");
            accepted += actual is null ? 0 : 1;
        }

        // The damage must leave enough bodies readable for the agreement on trees to mean something.
        Assert.True(accepted > 0);
    }
}
