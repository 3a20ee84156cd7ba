using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using Portal.Core.WeChat.Inbound;

namespace Portal.Bench;

/// <summary>Parsing a text message, against loading it into an XDocument and reading the fields.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private static readonly byte[] Xml = System.Text.Encoding.UTF8.GetBytes(
        "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n" +
        "<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>");

    [Benchmark(Baseline = true)]
    public string XDocumentFields()
    {
        using var stream = new MemoryStream(Xml);
        var root = XDocument.Load(stream).Root!;
        return root.Element("FromUserName")!.Value + root.Element("Content")!.Value + root.Element("MsgId")!.Value;
    }

    [Benchmark]
    public InboundMessage Portal() => InboundParser.Parse(Xml);
}
