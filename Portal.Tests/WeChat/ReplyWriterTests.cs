using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Core.WeChat.Replies;

namespace Portal.Tests.WeChat;

public class ReplyWriterTests
{
    private const string Follower = "olPjZjsXuQPJoV0HlruZkNzKc91E";
    private const string Account = "gh_a96a4a619366";
    private const long Time = 1700000000;

    [Fact]
    public void Text_reply_has_the_official_layout()
    {
        var xml = ReplyWriter.Write(new TextReply("你好"), Follower, Account, Time);

        Assert.Equal(
            "<xml><ToUserName><![CDATA[olPjZjsXuQPJoV0HlruZkNzKc91E]]></ToUserName>" +
            "<FromUserName><![CDATA[gh_a96a4a619366]]></FromUserName>" +
            "<CreateTime>1700000000</CreateTime>" +
            "<MsgType><![CDATA[text]]></MsgType>" +
            "<Content><![CDATA[你好]]></Content></xml>",
            xml);
    }

    [Fact]
    public void Image_reply_parses_back()
    {
        var root = Parse(new ImageReply("media_img"));

        Assert.Equal("image", root.Element("MsgType")?.Value);
        Assert.Equal("media_img", root.Element("Image")?.Element("MediaId")?.Value);
    }

    [Fact]
    public void Voice_reply_parses_back()
    {
        var root = Parse(new VoiceReply("media_voice"));

        Assert.Equal("voice", root.Element("MsgType")?.Value);
        Assert.Equal("media_voice", root.Element("Voice")?.Element("MediaId")?.Value);
    }

    [Fact]
    public void Video_reply_parses_back_with_its_optional_fields()
    {
        var video = Parse(new VideoReply("media_video", "Title", "Description")).Element("Video");

        Assert.Equal("media_video", video?.Element("MediaId")?.Value);
        Assert.Equal("Title", video?.Element("Title")?.Value);
        Assert.Equal("Description", video?.Element("Description")?.Value);
    }

    [Fact]
    public void Video_reply_leaves_out_missing_optional_fields()
    {
        var video = Parse(new VideoReply("media_video")).Element("Video");

        Assert.Equal("media_video", video?.Element("MediaId")?.Value);
        Assert.Null(video?.Element("Title"));
        Assert.Null(video?.Element("Description"));
    }

    [Fact]
    public void Music_reply_parses_back()
    {
        var root = Parse(new MusicReply("thumb", "Song", "Singer", "http://m.example.com/a.mp3", "http://m.example.com/a-hq.mp3"));
        var music = root.Element("Music");

        Assert.Equal("music", root.Element("MsgType")?.Value);
        Assert.Equal("Song", music?.Element("Title")?.Value);
        Assert.Equal("Singer", music?.Element("Description")?.Value);
        Assert.Equal("http://m.example.com/a.mp3", music?.Element("MusicUrl")?.Value);
        Assert.Equal("http://m.example.com/a-hq.mp3", music?.Element("HQMusicUrl")?.Value);
        Assert.Equal("thumb", music?.Element("ThumbMediaId")?.Value);
    }

    [Fact]
    public void Music_reply_with_only_the_thumbnail_is_well_formed()
    {
        var music = Parse(new MusicReply("thumb")).Element("Music");

        Assert.Equal(["ThumbMediaId"], music?.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void News_reply_parses_back_with_count_and_articles()
    {
        var root = Parse(new NewsReply(
        [
            new NewsArticle("First", "One", "https://img.example.com/1.jpg", "https://portal.example.com/1?a=1&b=2"),
            new NewsArticle("Second", "Two", "https://img.example.com/2.jpg", "https://portal.example.com/2"),
        ]));

        Assert.Equal("news", root.Element("MsgType")?.Value);
        Assert.Equal("2", root.Element("ArticleCount")?.Value);
        var items = root.Element("Articles")!.Elements("item").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("First", items[0].Element("Title")?.Value);
        Assert.Equal("One", items[0].Element("Description")?.Value);
        Assert.Equal("https://img.example.com/1.jpg", items[0].Element("PicUrl")?.Value);
        Assert.Equal("https://portal.example.com/1?a=1&b=2", items[0].Element("Url")?.Value);
        Assert.Equal("Second", items[1].Element("Title")?.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void News_reply_outside_1_to_8_articles_is_refused(int count)
    {
        var articles = Enumerable.Range(0, count).Select(i => new NewsArticle($"T{i}", "D", "P", "U")).ToList();

        Assert.Throws<ArgumentException>(() => new NewsReply(articles));
    }

    [Fact]
    public void Transfer_to_customer_service_parses_back()
    {
        var anyone = Parse(new TransferCustomerServiceReply());
        var agent = Parse(new TransferCustomerServiceReply("test1@test"));

        Assert.Equal("transfer_customer_service", anyone.Element("MsgType")?.Value);
        Assert.Null(anyone.Element("TransInfo"));
        Assert.Equal("test1@test", agent.Element("TransInfo")?.Element("KfAccount")?.Value);
    }

    [Fact]
    public void Common_fields_parse_back()
    {
        var root = Parse(new TextReply("hi"));

        Assert.Equal(Follower, root.Element("ToUserName")?.Value);
        Assert.Equal(Account, root.Element("FromUserName")?.Value);
        Assert.Equal("1700000000", root.Element("CreateTime")?.Value);
    }

    /// <summary>Contents are written with \u escapes so test names stay printable; they are unescaped in the test.</summary>
    [Theory]
    [InlineData(@"a]]>b", @"a]]>b")]
    [InlineData(@"]]>", @"]]>")]
    [InlineData(@"]]]]>>", @"]]]]>>")]
    [InlineData(@"ends with ]]", @"ends with ]]")]
    [InlineData(@"]>]>", @"]>]>")]
    [InlineData(@"Tom & Jerry < 3 > 2", @"Tom & Jerry < 3 > 2")]
    [InlineData(@"</Content></xml><xml>", @"</Content></xml><xml>")]
    [InlineData(@"<![CDATA[inner]]>", @"<![CDATA[inner]]>")]
    [InlineData(@"emoji \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD 中文", @"emoji \uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD 中文")]
    [InlineData(@"tab\tand\nline", @"tab\tand\nline")]
    [InlineData(@"a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg", @"abcdefg")]
    [InlineData(@"lone \uD800 high", @"lone  high")]
    [InlineData(@"lone \uDC00 low", @"lone  low")]
    [InlineData(@"reversed \uDC00\uD83D pair", @"reversed  pair")]
    [InlineData(@"high at end \uD83D", @"high at end ")]
    [InlineData(@"\uFFFE\uFFFFok", @"ok")]
    [InlineData(@"]]\u0001>", @"]]>")]
    [InlineData(@"", @"")]
    public void Any_content_yields_well_formed_xml_with_the_same_text(string escapedContent, string escapedExpected)
    {
        var content = Regex.Unescape(escapedContent);

        var root = Parse(new TextReply(content));

        Assert.Equal(Regex.Unescape(escapedExpected), root.Element("Content")?.Value);
    }

    [Fact]
    public void Long_content_beyond_the_stack_buffer_round_trips()
    {
        var content = string.Concat(Enumerable.Repeat("段落 ]]> & <b> 😀\n", 400));

        Assert.Equal(content, Parse(new TextReply(content)).Element("Content")?.Value);
    }

    [Fact]
    public void Every_string_field_is_protected_not_just_content()
    {
        var xml = ReplyWriter.Write(new NewsReply([new NewsArticle("a]]>b", "c\u0002d", "e&f", "g</xml>")]), "o]]>x", "gh_]]>", Time);
        var root = XDocument.Parse(xml).Root!;
        var item = root.Element("Articles")!.Element("item")!;

        Assert.Equal("o]]>x", root.Element("ToUserName")?.Value);
        Assert.Equal("gh_]]>", root.Element("FromUserName")?.Value);
        Assert.Equal("a]]>b", item.Element("Title")?.Value);
        Assert.Equal("cd", item.Element("Description")?.Value);
        Assert.Equal("e&f", item.Element("PicUrl")?.Value);
        Assert.Equal("g</xml>", item.Element("Url")?.Value);
    }

    private static XElement Parse(Reply reply)
    {
        var root = XDocument.Parse(ReplyWriter.Write(reply, Follower, Account, Time)).Root!;
        Assert.Equal("xml", root.Name.LocalName);
        return root;
    }
}
