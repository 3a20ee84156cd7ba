using System.Xml.Linq;
using Portal.Core.WeChat.Inbound;
using static Portal.Tests.WeChat.InboundSamples;

namespace Portal.Tests.WeChat;

public class InboundParserEventTests
{
    [Fact]
    public void Plain_follow_has_no_scene()
    {
        var follow = Assert.IsType<SubscribeEvent>(InboundParser.Parse(Event("subscribe", "<EventKey><![CDATA[]]></EventKey>")));

        Assert.Equal(MessageKind.Event, follow.Kind);
        Assert.Equal(EventKind.Subscribe, follow.EventKind);
        Assert.Equal("event", follow.MsgType);
        Assert.Equal("", follow.EventKey);
        Assert.Null(follow.Scene);
        Assert.Null(follow.Ticket);
    }

    [Fact]
    public void Follow_without_event_key_has_no_scene()
    {
        var follow = Assert.IsType<SubscribeEvent>(InboundParser.Parse(Event("subscribe")));

        Assert.Null(follow.Scene);
    }

    [Theory]
    [InlineData("qrscene_123", "123")]
    [InlineData("qrscene_promo_2024", "promo_2024")]
    public void Follow_by_parameter_qr_code_exposes_the_scene(string eventKey, string scene)
    {
        var follow = Assert.IsType<SubscribeEvent>(InboundParser.Parse(Event("subscribe", $"""
            <EventKey><![CDATA[{eventKey}]]></EventKey>
            <Ticket><![CDATA[gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==]]></Ticket>
            """)));

        Assert.Equal(eventKey, follow.EventKey);
        Assert.Equal(scene, follow.Scene);
        Assert.StartsWith("gQH47joAAAAA", follow.Ticket, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("SUBSCRIBE")]
    [InlineData("Subscribe")]
    public void Event_names_match_case_insensitively_and_keep_their_spelling(string name)
    {
        var follow = Assert.IsType<SubscribeEvent>(InboundParser.Parse(Event(name)));

        Assert.Equal(EventKind.Subscribe, follow.EventKind);
        Assert.Equal(name, follow.Event);
    }

    [Theory]
    [InlineData("CLICK")]
    [InlineData("Click")]
    [InlineData("click")]
    public void Menu_click_parses_in_any_case(string name)
    {
        var click = Assert.IsType<ClickEvent>(InboundParser.Parse(Event(name, "<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>")));

        Assert.Equal(EventKind.Click, click.EventKind);
        Assert.Equal("V1001_TODAY_MUSIC", click.EventKey);
        Assert.Equal(name, click.Event);
    }

    [Fact]
    public void Unfollow_parses()
    {
        var unfollow = Assert.IsType<UnsubscribeEvent>(InboundParser.Parse(Event("unsubscribe", "<EventKey><![CDATA[]]></EventKey>")));

        Assert.Equal(EventKind.Unsubscribe, unfollow.EventKind);
    }

    [Fact]
    public void Scan_by_a_follower_has_the_scene_without_prefix()
    {
        var scan = Assert.IsType<ScanEvent>(InboundParser.Parse(Event("SCAN", """
            <EventKey><![CDATA[123]]></EventKey>
            <Ticket><![CDATA[TICKET]]></Ticket>
            """)));

        Assert.Equal(EventKind.Scan, scan.EventKind);
        Assert.Equal("123", scan.Scene);
        Assert.Equal("TICKET", scan.Ticket);
    }

    [Fact]
    public void Location_report_parses()
    {
        var location = Assert.IsType<LocationEvent>(InboundParser.Parse(Event("LOCATION", """
            <Latitude>23.137466</Latitude>
            <Longitude>113.352425</Longitude>
            <Precision>119.385040</Precision>
            """)));

        Assert.Equal(EventKind.Location, location.EventKind);
        Assert.Equal(23.137466, location.Latitude);
        Assert.Equal(113.352425, location.Longitude);
        Assert.Equal(119.385040, location.Precision);
    }

    [Fact]
    public void View_parses_url_and_menu_id()
    {
        var view = Assert.IsType<ViewEvent>(InboundParser.Parse(Event("VIEW", """
            <EventKey><![CDATA[https://portal.example.com/shop?from=menu]]></EventKey>
            <MenuId>415</MenuId>
            """)));

        Assert.Equal(EventKind.View, view.EventKind);
        Assert.Equal("https://portal.example.com/shop?from=menu", view.Url);
        Assert.Equal("415", view.MenuId);
    }

    [Theory]
    [InlineData("scancode_push", typeof(ScanCodePushEvent), EventKind.ScanCodePush)]
    [InlineData("scancode_waitmsg", typeof(ScanCodeWaitMsgEvent), EventKind.ScanCodeWaitMsg)]
    public void Scan_code_menu_events_read_scan_code_info(string name, Type type, EventKind kind)
    {
        var message = InboundParser.Parse(Event(name, """
            <EventKey><![CDATA[rselfmenu_0_1]]></EventKey>
            <ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType>
            <ScanResult><![CDATA[https://portal.example.com/t/42]]></ScanResult>
            </ScanCodeInfo>
            """));

        Assert.IsType(type, message);
        var scan = Assert.IsAssignableFrom<ScanCodeEvent>(message);
        Assert.Equal(kind, scan.EventKind);
        Assert.Equal("rselfmenu_0_1", scan.EventKey);
        Assert.Equal("qrcode", scan.ScanType);
        Assert.Equal("https://portal.example.com/t/42", scan.ScanResult);
    }

    [Theory]
    [InlineData("pic_sysphoto", typeof(PicSysPhotoEvent), EventKind.PicSysPhoto)]
    [InlineData("pic_photo_or_album", typeof(PicPhotoOrAlbumEvent), EventKind.PicPhotoOrAlbum)]
    [InlineData("pic_weixin", typeof(PicWeixinEvent), EventKind.PicWeixin)]
    public void Picture_menu_events_read_every_picture(string name, Type type, EventKind kind)
    {
        var message = InboundParser.Parse(Event(name, """
            <EventKey><![CDATA[rselfmenu_1_0]]></EventKey>
            <SendPicsInfo><Count>2</Count>
            <PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum>
            </item>
            <item><PicMd5Sum><![CDATA[2c6f8d34c6cf86793b64f8c7e274f296]]></PicMd5Sum>
            </item>
            </PicList>
            </SendPicsInfo>
            """));

        Assert.IsType(type, message);
        var pictures = Assert.IsAssignableFrom<PicturesEvent>(message);
        Assert.Equal(kind, pictures.EventKind);
        Assert.Equal(2, pictures.Count);
        Assert.Equal(["1b5f7c23b5bf75682a53e7b6d163e185", "2c6f8d34c6cf86793b64f8c7e274f296"], pictures.PicMd5Sums);
    }

    [Fact]
    public void Location_select_reads_send_location_info()
    {
        var select = Assert.IsType<LocationSelectEvent>(InboundParser.Parse(Event("location_select", """
            <EventKey><![CDATA[ZBZXC]]></EventKey>
            <SendLocationInfo><Location_X><![CDATA[31]]></Location_X>
            <Location_Y><![CDATA[121.5]]></Location_Y>
            <Scale><![CDATA[15]]></Scale>
            <Label><![CDATA[上海市浦东新区]]></Label>
            <Poiname><![CDATA[盛大网络]]></Poiname>
            </SendLocationInfo>
            """)));

        Assert.Equal(EventKind.LocationSelect, select.EventKind);
        Assert.Equal("ZBZXC", select.EventKey);
        Assert.Equal(31, select.LocationX);
        Assert.Equal(121.5, select.LocationY);
        Assert.Equal(15, select.Scale);
        Assert.Equal("上海市浦东新区", select.Label);
        Assert.Equal("盛大网络", select.Poiname);
    }

    [Fact]
    public void View_mini_program_parses()
    {
        var view = Assert.IsType<ViewMiniProgramEvent>(InboundParser.Parse(Event("view_miniprogram", """
            <EventKey><![CDATA[pages/index/index]]></EventKey>
            <MenuId>222</MenuId>
            """)));

        Assert.Equal(EventKind.ViewMiniProgram, view.EventKind);
        Assert.Equal("pages/index/index", view.PagePath);
        Assert.Equal("222", view.MenuId);
    }

    [Fact]
    public void Template_send_finish_reads_the_capital_d_msg_id()
    {
        var finish = Assert.IsType<TemplateSendJobFinishEvent>(InboundParser.Parse(Event("TEMPLATESENDJOBFINISH", """
            <MsgID>200163836</MsgID>
            <Status><![CDATA[failed:user block]]></Status>
            """)));

        Assert.Equal(EventKind.TemplateSendJobFinish, finish.EventKind);
        Assert.Equal(200163836, finish.MsgId);
        Assert.Equal("failed:user block", finish.Status);
    }

    [Fact]
    public void Mass_send_finish_reads_counts_and_skips_the_copyright_block()
    {
        var finish = Assert.IsType<MassSendJobFinishEvent>(InboundParser.Parse(Event("MASSSENDJOBFINISH", """
            <MsgID>1000001625</MsgID>
            <Status><![CDATA[err(30003)]]></Status>
            <TotalCount>100</TotalCount>
            <FilterCount>80</FilterCount>
            <SentCount>75</SentCount>
            <ErrorCount>5</ErrorCount>
            <CopyrightCheckResult><Count>1</Count>
            <ResultList><item><ArticleIdx>1</ArticleIdx>
            <UserDeclareState>0</UserDeclareState>
            </item></ResultList>
            <CheckState>2</CheckState>
            </CopyrightCheckResult>
            """)));

        Assert.Equal(EventKind.MassSendJobFinish, finish.EventKind);
        Assert.Equal(1000001625, finish.MsgId);
        Assert.Equal("err(30003)", finish.Status);
        Assert.Equal((100, 80, 75, 5), (finish.TotalCount, finish.FilterCount, finish.SentCount, finish.ErrorCount));
    }

    [Fact]
    public void Subscribe_message_popup_reads_every_list_entry()
    {
        var popup = Assert.IsType<SubscribeMessagePopupEvent>(InboundParser.Parse(Event("subscribe_msg_popup_event", """
            <SubscribeMsgPopupEvent>
            <List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
            <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
            <PopupScene>2</PopupScene>
            </List>
            <List><TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>
            <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
            <PopupScene>2</PopupScene>
            </List>
            </SubscribeMsgPopupEvent>
            """)));

        Assert.Equal(EventKind.SubscribeMessagePopup, popup.EventKind);
        Assert.Equal(
            [
                new SubscribeMessagePopupItem("VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc", "accept", 2),
                new SubscribeMessagePopupItem("9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI", "reject", 2),
            ],
            popup.Items);
    }

    [Fact]
    public void Unknown_event_becomes_unknown_message_with_its_fields()
    {
        var message = InboundParser.Parse(Event("kf_create_session", "<KfAccount><![CDATA[test1@test]]></KfAccount>"));

        var unknown = Assert.IsType<UnknownMessage>(message);
        Assert.Equal(MessageKind.Unknown, unknown.Kind);
        Assert.Equal("kf_create_session", unknown.Event);
        Assert.Equal("test1@test", unknown.Fields["KfAccount"]);
        Assert.Equal(Follower, unknown.FromUserName);
    }

    [Fact]
    public void Unknown_event_keeps_nested_blocks_as_parseable_xml()
    {
        var unknown = Assert.IsType<UnknownMessage>(InboundParser.Parse(Event("subscribe_msg_change_event", """
            <SubscribeMsgChangeEvent>
            <List><TemplateId><![CDATA[tpl&1]]></TemplateId>
            <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
            </List>
            </SubscribeMsgChangeEvent>
            """)));

        var block = XElement.Parse($"<block>{unknown.Fields["SubscribeMsgChangeEvent"]}</block>");
        Assert.Equal("tpl&1", block.Element("List")?.Element("TemplateId")?.Value);
        Assert.Equal("reject", block.Element("List")?.Element("SubscribeStatusString")?.Value);
    }

    [Fact]
    public void Event_without_an_event_name_is_unknown_not_an_error()
    {
        Assert.IsType<UnknownMessage>(InboundParser.Parse(Message("event", "<EventKey><![CDATA[x]]></EventKey>")));
    }
}
