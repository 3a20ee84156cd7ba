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

    [Theory]
    [InlineData("&#202020013;")]
    [InlineData("&#x110000;")]
    [InlineData("&#99999999999999999999;")]
    public void Refuses_a_character_reference_beyond_unicode(string reference)
    {
        Assert.Throws<InboundMessageFormatException>(() => InboundXml.Read($"<xml><A>{reference}</A></xml>"));
    }

    /// <summary>
    /// Random well-formed bodies (seeded): nested fields with random names, attributes, text mixing the predefined
    /// entities, character references, CDATA sections, comments, processing instructions, line breaks of every
    /// kind, Chinese and emoji. XmlReader must accept each one, and Portal must read each one to the same tree,
    /// field by field and value by value.
    /// </summary>
    [Fact]
    public void Reads_random_well_formed_bodies_as_XmlReader_does()
    {
        var seed = FuzzSeed();
        var random = new Random(seed);
        for (var i = 0; i < 5000; i++)
        {
            var body = RandomBodies.WellFormed(random);
            var bytes = Encoding.UTF8.GetBytes(body);
            var expected = XmlReaderOracle.Read(bytes);
            Assert.True(expected is not null, $"Seed {seed}, body {i}: XmlReader refused a body meant to be well-formed:\n{body}");
            Assert.True(expected == Portal(bytes), $"Seed {seed}, body {i}: {body}\nXmlReader: {expected}\nPortal: {Portal(bytes) ?? "refused"}");
        }
    }

    /// <summary>
    /// Damaged bodies (seeded): well-formed ones, fixed or random, cut, repeated and stuffed with markup characters
    /// at random, and some with bytes that are not UTF-8. Each one is refused by both readers or read by both to the
    /// same tree, except that Portal refuses every body that is not UTF-8 where XmlReader lets some through.
    /// XML declarations are left out of the damage: there XmlReader has quirks of its own (it takes some
    /// malformed ones), and Portal is the stricter. So are non-ASCII characters in names, which Portal lets through
    /// and XmlReader checks by XML's older rules. Run with other seeds (<c>PORTAL_XML_FUZZ_SEED</c>) and 150,000
    /// bodies, it found the two differences now fixed (a processing instruction's name running into its data, a
    /// repeated attribute), then none.
    /// </summary>
    [Fact]
    public void Agrees_with_XmlReader_on_damaged_bodies()
    {
        var seed = FuzzSeed();
        var random = new Random(seed);
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
        // Bytes that break UTF-8: a lone continuation byte, a lead byte without its continuation, an overlong form
        // of '<', a surrogate's encoding, a code point past U+10FFFF, bytes UTF-8 never uses, and NUL.
        byte[][] badBytes = [[0x80], [0xC3], [0xE4, 0xB8], [0xC0, 0xBC], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE], [0xFF], [0x00]];
        const int Bodies = 150000;
        var accepted = 0;
        for (var i = 0; i < Bodies; i++)
        {
            var body = random.Next(4) == 0 ? RandomBodies.WellFormed(random, declaration: false) : seeds[random.Next(seeds.Length)];
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
            // Leaves no lone surrogate from a cut through an emoji: that is text, not bytes, and has a test of its own.
            var bytes = Encoding.UTF8.GetBytes(body);
            if (random.Next(10) == 0)
            {
                var at = random.Next(bytes.Length + 1);
                bytes = [.. bytes[..at], .. badBytes[random.Next(badBytes.Length)], .. bytes[at..]];
            }

            var expected = XmlReaderOracle.Read(bytes);
            var actual = Portal(bytes);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                // XmlReader lets some broken UTF-8 through (a lead byte cut off after the root's end); Portal refuses
                // every body that is not UTF-8.
                Assert.True(actual is null, $"Seed {seed}, body {i}: Portal read bytes that are not UTF-8: {Convert.ToHexString(bytes)}");
                continue;
            }

            // A different root name is refused by Portal after XmlReader has read it: not a disagreement.
            if (expected is not null && !expected.StartsWith("(xml", StringComparison.Ordinal) || expected?.Length > 4 && expected[4] is not ('(' or ')'))
                expected = null;
            // XmlReader takes a character reference past U+10FFFF, keeping the low bits of the number (it read
            // &#202020013; as U+A94AD); XML allows no such character, and Portal refuses it.
            if (expected is not null && actual is null && ReferencesBeyondUnicode(body))
                expected = null;
            Assert.True(expected == actual, $"Seed {seed}, body {i}: {Encoding.UTF8.GetString(bytes)}\nBytes: {Convert.ToHexString(bytes)}\nXmlReader: {expected ?? "refused"}\nPortal: {actual ?? "refused"}");
            accepted += actual is null ? 0 : 1;
        }

        // The damage must leave enough bodies readable for the agreement on trees to mean something: about a fifth
        // are with this mix; a change that made the damage refuse nearly everything would fail here.
        Assert.True(accepted > Bodies / 10, $"Seed {seed}: only {accepted} of {Bodies} damaged bodies were readable");
    }

    private static string? Portal(byte[] bytes)
    {
        try
        {
            return XmlReaderOracle.Render("xml", InboundXml.Read(bytes));
        }
        catch (InboundMessageFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A fixed seed, so that a run can be repeated; <c>PORTAL_XML_FUZZ_SEED</c> sets another to explore further.
    /// A failure names the seed and the body.
    /// </summary>
    private static int FuzzSeed() =>
        int.TryParse(Environment.GetEnvironmentVariable("PORTAL_XML_FUZZ_SEED"), System.Globalization.CultureInfo.InvariantCulture, out var seed) ? seed : 20261206;

    private static bool ReferencesBeyondUnicode(string body) =>
        System.Text.RegularExpressions.Regex.Matches(body, "&#(x[0-9A-Fa-f]+|[0-9]+);").Any(m =>
            m.Groups[1].Value is var number && (number.Length > 8
                || (number[0] == 'x' ? Convert.ToInt64(number[1..], 16) : long.Parse(number, System.Globalization.CultureInfo.InvariantCulture)) > 0x10FFFF));
}
