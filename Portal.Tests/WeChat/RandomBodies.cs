using System.Globalization;
using System.Text;

namespace Portal.Tests.WeChat;

/// <summary>
/// Random well-formed bodies in the shape WeChat posts (an <c>xml</c> root of fields, some nested), using every
/// construct the inbound reader has to handle, for the differential tests against XmlReader.
/// </summary>
internal static class RandomBodies
{
    private static readonly string[] FieldNames =
    [
        "ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "Event", "EventKey", "Encrypt",
        "ScanCodeInfo", "SendPicsInfo", "PicList", "item", "PicMd5Sum", "List", "A", "B", "_x", "a.b-c_d", "Z9",
    ];

    // Plain text: no '<' or '&' (markup), no '>' (so that "]]>" never appears outside CDATA).
    private static readonly string[] TextPieces =
    [
        "hello", " ", "  ", "\t", "\n", "\r\n", "\r", "]", "]]", "\"", "'", "=", "/", "?", "!", "-", "--", "中文", "你好", "😀", "é", "\u00A0", "123",
        "a b", ";", "#", "%", "\uFFFD", "\u3000",
    ];

    private static readonly string[] Entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];

    /// <param name="declaration">Whether the body may open with an XML declaration.</param>
    public static string WellFormed(Random random, bool declaration = true)
    {
        var xml = new StringBuilder();
        if (random.Next(6) == 0)
            xml.Append('\uFEFF');
        if (declaration && random.Next(4) == 0)
            xml.Append(random.Next(2) == 0 ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>" : "<?xml version='1.0'?>").Append(Space(random));
        if (random.Next(6) == 0)
            xml.Append(Comment(random)).Append(Space(random));
        xml.Append("<xml").Append(Attributes(random)).Append('>');
        Children(random, xml, depth: 1);
        xml.Append("</xml>");
        if (random.Next(6) == 0)
            xml.Append(Space(random)).Append(Comment(random));
        if (random.Next(4) == 0)
            xml.Append(Space(random));
        return xml.ToString();
    }

    private static void Children(Random random, StringBuilder xml, int depth)
    {
        for (var count = random.Next(0, 7); count > 0; count--)
        {
            xml.Append(Space(random));
            if (random.Next(12) == 0)
                xml.Append(random.Next(2) == 0 ? Comment(random) : Instruction(random)).Append(Space(random));
            var name = Name(random);
            var attributes = Attributes(random);
            switch (random.Next(10))
            {
                case 0:
                    xml.Append('<').Append(name).Append(attributes).Append(random.Next(2) == 0 ? "/>" : " />");
                    break;
                case 1 or 2 when depth < 4:
                    xml.Append('<').Append(name).Append(attributes).Append('>');
                    Children(random, xml, depth + 1);
                    xml.Append(Space(random)).Append("</").Append(name).Append(random.Next(4) == 0 ? " >" : ">");
                    break;
                default:
                    xml.Append('<').Append(name).Append(attributes).Append('>').Append(Text(random))
                        .Append("</").Append(name).Append('>');
                    break;
            }
        }
        xml.Append(Space(random));
    }

    private static string Name(Random random)
    {
        if (random.Next(3) > 0)
            return FieldNames[random.Next(FieldNames.Length)];
        const string first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
        const string rest = first + "0123456789.-";
        var name = new StringBuilder().Append(first[random.Next(first.Length)]);
        for (var n = random.Next(0, 12); n > 0; n--)
            name.Append(rest[random.Next(rest.Length)]);
        return name.ToString();
    }

    private static string Attributes(Random random)
    {
        if (random.Next(8) > 0)
            return "";
        var attributes = new StringBuilder();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var quote = random.Next(2) == 0 ? '"' : '\'';
            // Distinct names: a repeated attribute is malformed.
            attributes.Append(' ').Append("at").Append(i.ToString(CultureInfo.InvariantCulture)).Append(random.Next(2) == 0 ? "=" : " = ")
                .Append(quote).Append(random.Next(2) == 0 ? "v &amp; w" : "中文 >").Append(quote);
        }
        return attributes.ToString();
    }

    private static string Text(Random random)
    {
        var text = new StringBuilder();
        for (var pieces = random.Next(0, 8); pieces > 0; pieces--)
        {
            text.Append(random.Next(10) switch
            {
                0 => Entities[random.Next(Entities.Length)],
                1 => CharacterReference(random),
                2 or 3 => Cdata(random),
                4 when random.Next(4) == 0 => Comment(random),
                5 when random.Next(4) == 0 => Instruction(random),
                _ => TextPieces[random.Next(TextPieces.Length)],
            });
        }
        return text.ToString();
    }

    private static string CharacterReference(Random random)
    {
        int code;
        do
        {
            code = random.Next(5) switch
            {
                0 => random.Next(0x20, 0x7F),
                1 => random.Next(0x80, 0xD800),
                2 => random.Next(0xE000, 0xFFFE),
                3 => random.Next(0x10000, 0x110000),
                _ => new[] { 9, 10, 13 }[random.Next(3)],
            };
        }
        while (code is 0xFFFE or 0xFFFF);
        return random.Next(2) == 0
            ? "&#" + code.ToString(CultureInfo.InvariantCulture) + ";"
            : "&#x" + code.ToString(random.Next(2) == 0 ? "X" : "x", CultureInfo.InvariantCulture) + ";";
    }

    private static string Cdata(Random random)
    {
        var content = new StringBuilder();
        string[] pieces = ["<", ">", "&", "&amp;", "]", "]]", "<![CDATA[", "\r\n", "\r", "中", "😀", "x", " ", "<a>", "-->", "<!--"];
        for (var n = random.Next(0, 6); n > 0; n--)
            content.Append(pieces[random.Next(pieces.Length)]);
        return "<![CDATA[" + content.ToString().Replace("]]>", "]] >", StringComparison.Ordinal) + "]]>";
    }

    private static string Comment(Random random) =>
        "<!--" + (random.Next(3) switch { 0 => "", 1 => " note <a> & ]]> ", _ => "中文 - x" }) + "-->";

    private static string Instruction(Random random) =>
        random.Next(2) == 0 ? "<?pi?>" : "<?target data <a> & ?>";

    private static string Space(Random random) => random.Next(3) switch
    {
        0 => "",
        1 => "\n",
        _ => new[] { " ", "\r\n  ", "\t", "\r" }[random.Next(4)],
    };
}
