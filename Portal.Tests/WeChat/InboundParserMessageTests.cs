using System.Text;
using Portal.Core.WeChat.Inbound;
using static Portal.Tests.WeChat.InboundSamples;

namespace Portal.Tests.WeChat;

public class InboundParserMessageTests
{
    [Theory]
    [InlineData("TENCENT_PY_SAMPLE_MP", "gh_10f6c3c3ac5a", "oyORnuP8q7ou2gfYjqLzSIWZf0rs", 1409735668, "abcdteT", 6054768590064713728)]
    [InlineData("SENPARC_COMPAT_MODE_REAL", "gh_a96a4a619366", "olPjZjsXuQPJoV0HlruZkNzKc91E", 1414387151, "你好", 6074746557628292943)]
    [InlineData("SENPARC_SAFE_MODE_MIDDLEWARE_REAL", "gh_a96a4a619366", "olPjZjsXuQPJoV0HlruZkNzKc91E", 1570075722, "11", 22478079132150902)]
    public void Real_text_pushes_parse(string vector, string to, string from, long createTime, string content, long msgId)
    {
        var message = InboundParser.Parse(Vectors.DecryptById(vector).DecryptedXml);

        var text = Assert.IsType<TextMessage>(message);
        Assert.Equal(MessageKind.Text, text.Kind);
        Assert.Equal(to, text.ToUserName);
        Assert.Equal(from, text.FromUserName);
        Assert.Equal(createTime, text.CreateTime);
        Assert.Equal("text", text.MsgType);
        Assert.Equal(content, text.Content);
        Assert.Equal(msgId, text.MsgId);
        Assert.Null(text.MsgDataId);
        Assert.Null(text.Idx);
    }

    [Fact]
    public void Real_file_push_parses()
    {
        var file = Assert.IsType<FileMessage>(InboundParser.Parse(Vectors.DecryptById("SENPARC_FILE_MSG_REAL").DecryptedXml));

        Assert.Equal(MessageKind.File, file.Kind);
        Assert.Equal("o5lE40xwHOqG8riO_EOZQV3JYCV8", file.FromUserName);
        Assert.Equal("test.zip", file.Title);
        Assert.Equal("", file.Description);
        Assert.Equal("BAAAAAAAAACJHA0y", file.FileKey);
        Assert.Equal("95d98d3bf1b251a9e4a40f3bd88eef29", file.FileMd5);
        Assert.Equal(222, file.FileTotalLen);
        Assert.Equal(6526133992738756795, file.MsgId);
    }

    [Fact]
    public void Bytes_stream_and_string_inputs_parse_alike()
    {
        var xml = Vectors.DecryptById("SENPARC_FILE_MSG_REAL").DecryptedXml;
        var bytes = Encoding.UTF8.GetBytes(xml);

        var fromString = InboundParser.Parse(xml);
        var fromBytes = InboundParser.Parse(bytes.AsSpan());
        using var stream = new MemoryStream(bytes);
        var fromStream = InboundParser.Parse(stream);

        Assert.Equal(fromString, fromBytes);
        Assert.Equal(fromString, fromStream);
    }

    [Fact]
    public void Byte_order_mark_is_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Message("text", "<Content><![CDATA[hi]]></Content><MsgId>1</MsgId>"))).ToArray();

        Assert.Equal("hi", Assert.IsType<TextMessage>(InboundParser.Parse(bytes)).Content);
    }

    [Fact]
    public void String_with_an_encoding_declaration_is_read_as_the_text_it_is()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"gb2312\"?>" + Message("text", "<Content><![CDATA[中文]]></Content><MsgId>1</MsgId>");

        Assert.Equal("中文", Assert.IsType<TextMessage>(InboundParser.Parse(xml)).Content);
    }

    [Fact]
    public void Text_from_an_article_or_menu_message_keeps_its_extra_fields()
    {
        var text = Assert.IsType<TextMessage>(InboundParser.Parse(Message("text", """
            <Content><![CDATA[满意]]></Content>
            <MsgId>23456789012345678</MsgId>
            <MsgDataId>2247483710</MsgDataId>
            <Idx>2</Idx>
            <bizmsgmenuid>101</bizmsgmenuid>
            """)));

        Assert.Equal("满意", text.Content);
        Assert.Equal("2247483710", text.MsgDataId);
        Assert.Equal(2, text.Idx);
        Assert.Equal("101", text.BizMsgMenuId);
    }

    [Theory]
    [InlineData("<Content><![CDATA[  two spaces\nand a line  ]]></Content>", "  two spaces\nand a line  ")]
    [InlineData("<Content>  </Content>", "  ")]
    [InlineData("<Content>a &lt;b&gt; &amp; c</Content>", "a <b> & c")]
    [InlineData("<Content><![CDATA[a]]><![CDATA[b]]></Content>", "ab")]
    [InlineData("<Content><![CDATA[]]></Content>", "")]
    [InlineData("<Content/>", "")]
    public void Text_content_is_read_exactly(string element, string expected)
    {
        var text = Assert.IsType<TextMessage>(InboundParser.Parse(Message("text", element + "<MsgId>1</MsgId>")));

        Assert.Equal(expected, text.Content);
    }

    [Fact]
    public void Image_parses()
    {
        var image = Assert.IsType<ImageMessage>(InboundParser.Parse(Message("image", """
            <PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz_jpg/abc/0]]></PicUrl>
            <MediaId><![CDATA[media_id_image]]></MediaId>
            <MsgId>1234567890123456</MsgId>
            """)));

        Assert.Equal(MessageKind.Image, image.Kind);
        Assert.Equal("http://mmbiz.qpic.cn/mmbiz_jpg/abc/0", image.PicUrl);
        Assert.Equal("media_id_image", image.MediaId);
        Assert.Equal(1234567890123456, image.MsgId);
    }

    [Fact]
    public void Voice_with_recognition_parses()
    {
        var voice = Assert.IsType<VoiceMessage>(InboundParser.Parse(Message("voice", """
            <MediaId><![CDATA[media_id_voice]]></MediaId>
            <Format><![CDATA[amr]]></Format>
            <MediaId16K><![CDATA[media_id_16k]]></MediaId16K>
            <Recognition><![CDATA[腾讯微信团队]]></Recognition>
            <MsgId>1234567890123456</MsgId>
            """)));

        Assert.Equal(MessageKind.Voice, voice.Kind);
        Assert.Equal("media_id_voice", voice.MediaId);
        Assert.Equal("amr", voice.Format);
        Assert.Equal("media_id_16k", voice.MediaId16K);
        Assert.Equal("腾讯微信团队", voice.Recognition);
    }

    [Fact]
    public void Voice_without_recognition_has_null_optionals()
    {
        var voice = Assert.IsType<VoiceMessage>(InboundParser.Parse(Message("voice", """
            <MediaId><![CDATA[media_id_voice]]></MediaId>
            <Format><![CDATA[speex]]></Format>
            <MsgId>1234567890123456</MsgId>
            """)));

        Assert.Equal("speex", voice.Format);
        Assert.Null(voice.Recognition);
        Assert.Null(voice.MediaId16K);
    }

    [Fact]
    public void Video_and_short_video_are_told_apart()
    {
        const string fields = """
            <MediaId><![CDATA[media_id_video]]></MediaId>
            <ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId>
            <MsgId>1234567890123456</MsgId>
            """;

        var video = Assert.IsType<VideoMessage>(InboundParser.Parse(Message("video", fields)));
        var shortVideo = Assert.IsType<ShortVideoMessage>(InboundParser.Parse(Message("shortvideo", fields)));

        Assert.Equal(MessageKind.Video, video.Kind);
        Assert.Equal(("media_id_video", "thumb_media_id"), (video.MediaId, video.ThumbMediaId));
        Assert.Equal(MessageKind.ShortVideo, shortVideo.Kind);
        Assert.Equal(("media_id_video", "thumb_media_id"), (shortVideo.MediaId, shortVideo.ThumbMediaId));
    }

    [Fact]
    public void Location_parses_numbers_invariantly()
    {
        var location = Assert.IsType<LocationMessage>(InboundParser.Parse(Message("location", """
            <Location_X>23.134521</Location_X>
            <Location_Y>113.358803</Location_Y>
            <Scale>20</Scale>
            <Label><![CDATA[广州市天河区]]></Label>
            <MsgId>1234567890123456</MsgId>
            """)));

        Assert.Equal(MessageKind.Location, location.Kind);
        Assert.Equal(23.134521, location.LocationX);
        Assert.Equal(113.358803, location.LocationY);
        Assert.Equal(20, location.Scale);
        Assert.Equal("广州市天河区", location.Label);
    }

    [Fact]
    public void Link_parses()
    {
        var link = Assert.IsType<LinkMessage>(InboundParser.Parse(Message("link", """
            <Title><![CDATA[公众平台官网链接]]></Title>
            <Description><![CDATA[公众平台官网链接]]></Description>
            <Url><![CDATA[https://mp.weixin.qq.com/s?a=1&b=2]]></Url>
            <MsgId>1234567890123456</MsgId>
            """)));

        Assert.Equal(MessageKind.Link, link.Kind);
        Assert.Equal("公众平台官网链接", link.Title);
        Assert.Equal("公众平台官网链接", link.Description);
        Assert.Equal("https://mp.weixin.qq.com/s?a=1&b=2", link.Url);
    }

    [Fact]
    public void Unknown_message_type_keeps_every_field()
    {
        var message = InboundParser.Parse(Message("miniprogrampage", """
            <Title><![CDATA[小程序卡片]]></Title>
            <AppId><![CDATA[wx1234567890abcdef]]></AppId>
            <PagePath><![CDATA[pages/index?id=1]]></PagePath>
            <MsgId>1234567890123456</MsgId>
            """));

        var unknown = Assert.IsType<UnknownMessage>(message);
        Assert.Equal(MessageKind.Unknown, unknown.Kind);
        Assert.Equal("miniprogrampage", unknown.MsgType);
        Assert.Null(unknown.Event);
        Assert.Equal(Account, unknown.Fields["ToUserName"]);
        Assert.Equal("小程序卡片", unknown.Fields["Title"]);
        Assert.Equal("pages/index?id=1", unknown.Fields["PagePath"]);
        Assert.Equal("1234567890123456", unknown.Fields["MsgId"]);
    }
}
