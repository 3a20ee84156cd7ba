using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Followers;
using Portal.Core.Messaging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>Every message and event WeChat sends is accepted, answered and written to the message log.</summary>
public sealed class WebhookMessageTypesTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    public static TheoryData<string, string, string?> Messages => new()
    {
        { "text", "<Content><![CDATA[hello there]]></Content>", "hello there" },
        { "image", "<PicUrl><![CDATA[http://mmbiz.example/pic.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId>", "http://mmbiz.example/pic.jpg" },
        { "voice", "<MediaId><![CDATA[m2]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[opening hours]]></Recognition>", "opening hours" },
        { "video", "<MediaId><![CDATA[m3]]></MediaId><ThumbMediaId><![CDATA[t3]]></ThumbMediaId>", null },
        { "shortvideo", "<MediaId><![CDATA[m4]]></MediaId><ThumbMediaId><![CDATA[t4]]></ThumbMediaId>", null },
        { "location", "<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[Tianhe, Guangzhou]]></Label>", "Tianhe, Guangzhou (23.134521, 113.358803)" },
        { "link", "<Title><![CDATA[Our blog]]></Title><Description><![CDATA[d]]></Description><Url><![CDATA[http://blog.example/1]]></Url>", "Our blog http://blog.example/1" },
        { "file", "<Title><![CDATA[menu.pdf]]></Title><Description><![CDATA[]]></Description><FileKey><![CDATA[k]]></FileKey><FileMd5><![CDATA[95d98d3bf1b251a9e4a40f3bd88eef29]]></FileMd5><FileTotalLen>222</FileTotalLen>", "menu.pdf" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task Each_message_type_is_answered_and_logged_with_its_content(string msgType, string fields, string? content)
    {
        var openId = InboundXml.NewOpenId();
        var msgId = InboundXml.NextMsgId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Message(openId, msgType, fields, msgId), PushMode.Safe);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId));
        Assert.Equal(("in", msgType, msgId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.Direction, entry.MsgType, entry.MsgId));
        Assert.Equal(content, entry.Content);
        Assert.Equal("text", entry.ReplyType); // no keyword here: each gets the default reply
        var follower = await app.Services.GetRequiredService<FollowerStore>().GetAsync(TestAccounts.DefaultId, openId);
        Assert.NotNull(follower?.LastInteractionAt); // a message opens the 48-hour window
    }

    public static TheoryData<string, string, string> Events => new()
    {
        { "LOCATION", "", "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>" },
        { "VIEW", "http://portal.example/home", "<MenuId>3</MenuId>" },
        { "scancode_push", "SCAN_1", "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>" },
        { "scancode_waitmsg", "SCAN_2", "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[2]]></ScanResult></ScanCodeInfo>" },
        { "pic_sysphoto", "PIC_1", "<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList></SendPicsInfo>" },
        { "pic_photo_or_album", "PIC_2", "<SendPicsInfo><Count>0</Count><PicList></PicList></SendPicsInfo>" },
        { "pic_weixin", "PIC_3", "<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[x]]></PicMd5Sum></item></PicList></SendPicsInfo>" },
        { "location_select", "LOC_1", "<SendLocationInfo><Location_X><![CDATA[31]]></Location_X><Location_Y><![CDATA[121]]></Location_Y><Scale><![CDATA[15]]></Scale><Label><![CDATA[Shanghai]]></Label><Poiname><![CDATA[]]></Poiname></SendLocationInfo>" },
        { "view_miniprogram", "pages/index/index", "<MenuId>5</MenuId>" },
        { "TEMPLATESENDJOBFINISH", "", "<MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>" },
        { "MASSSENDJOBFINISH", "", "<MsgID>1000001625</MsgID><Status><![CDATA[send success]]></Status><TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount>" },
        { "subscribe_msg_popup_event", "", "<SubscribeMsgPopupEvent><List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId><SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString><PopupScene>2</PopupScene></List></SubscribeMsgPopupEvent>" },
        { "kf_create_session", "", "<KfAccount><![CDATA[test1@test]]></KfAccount>" }, // not modelled: an unknown event
    };

    [Theory]
    [MemberData(nameof(Events))]
    public async Task Each_event_type_is_accepted_and_logged(string @event, string eventKey, string extra)
    {
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Event(openId, @event, eventKey, extra), PushMode.Compatible);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId));
        Assert.Equal(("event", @event), (entry.MsgType, entry.Event));
        if (eventKey.Length > 0)
            Assert.Equal(eventKey, entry.EventKey);
    }

    [Fact]
    public async Task An_unknown_message_type_is_accepted_answered_success_and_logged()
    {
        var openId = InboundXml.NewOpenId();
        using var response = await WeChatPush.For(app).PostAsync(InboundXml.Message(openId, "miniprogrampage", "<Title><![CDATA[x]]></Title>"));

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId));
        Assert.Equal("miniprogrampage", entry.MsgType);
    }

    [Fact]
    public async Task Follow_and_unfollow_keep_the_followers_table_current()
    {
        var openId = InboundXml.NewOpenId();
        var push = WeChatPush.For(app);
        var followers = app.Services.GetRequiredService<FollowerStore>();

        using (await push.PostAsync(InboundXml.Event(openId, "subscribe", "qrscene_poster", "<Ticket><![CDATA[t]]></Ticket>"))) { }
        var followed = (await followers.GetAsync(TestAccounts.DefaultId, openId))!;
        Assert.True(followed.Subscribed);
        Assert.Equal("poster", followed.QrScene);

        using (await push.PostAsync(InboundXml.Event(openId, "unsubscribe", createTime: InboundXml.Now + 1))) { }
        var gone = (await followers.GetAsync(TestAccounts.DefaultId, openId))!;
        Assert.False(gone.Subscribed);
        Assert.NotNull(gone.UnsubscribedAt);
        Assert.Equal(2, (await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId)).Count);
    }

    [Fact]
    public async Task Two_events_with_the_same_create_time_are_both_handled()
    {
        // WeChat sends LOCATION and subscribe in the same second; keying events by sender and time alone drops one.
        var openId = InboundXml.NewOpenId();
        var at = InboundXml.Now;
        var push = WeChatPush.For(app);
        using var location = await push.PostAsync(InboundXml.Event(openId, "LOCATION", "", "<Latitude>1</Latitude><Longitude>2</Longitude><Precision>3</Precision>", at));
        using var follow = await push.PostAsync(InboundXml.Event(openId, "subscribe", createTime: at));

        Assert.Equal("Welcome!", (await push.ReplyOfAsync(follow))!.Element("Content")!.Value);
        Assert.Equal(2, (await app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId)).Count);
    }
}
