using Portal.Core.WeChat.Inbound;
using static Portal.Tests.WeChat.InboundSamples;

namespace Portal.Tests.WeChat;

public class DeduplicationKeyTests
{
    [Fact]
    public void Message_key_is_sender_and_msg_id()
    {
        var message = InboundParser.Parse(Vectors.DecryptById("TENCENT_PY_SAMPLE_MP").DecryptedXml);

        Assert.Equal("oyORnuP8q7ou2gfYjqLzSIWZf0rs:6054768590064713728", message.DeduplicationKey);
    }

    [Fact]
    public void A_retry_has_the_same_key()
    {
        var body = Event("CLICK", "<EventKey><![CDATA[MENU_1]]></EventKey>");

        Assert.Equal(InboundParser.Parse(body).DeduplicationKey, InboundParser.Parse(body).DeduplicationKey);
    }

    [Fact]
    public void Same_msg_id_from_two_followers_gives_two_keys()
    {
        const string fields = "<Content><![CDATA[hi]]></Content>\n<MsgId>6054768590064713728</MsgId>";

        Assert.NotEqual(
            InboundParser.Parse(Message("text", fields, from: "oUserA")).DeduplicationKey,
            InboundParser.Parse(Message("text", fields, from: "oUserB")).DeduplicationKey);
    }

    [Fact]
    public void Event_key_is_sender_time_event_and_event_key()
    {
        var follow = InboundParser.Parse(Event("subscribe", "<EventKey><![CDATA[qrscene_7]]></EventKey>"));

        Assert.Equal($"{Follower}:{Time}:subscribe:qrscene_7", follow.DeduplicationKey);
    }

    [Fact]
    public void Two_events_in_the_same_second_get_different_keys()
    {
        var location = InboundParser.Parse(Event("LOCATION", "<Latitude>23.1</Latitude><Longitude>113.3</Longitude><Precision>10</Precision>"));
        var follow = InboundParser.Parse(Event("subscribe"));

        Assert.NotEqual(location.DeduplicationKey, follow.DeduplicationKey);
    }

    [Fact]
    public void Two_menu_taps_in_the_same_second_get_different_keys()
    {
        Assert.NotEqual(
            InboundParser.Parse(Event("CLICK", "<EventKey><![CDATA[MENU_1]]></EventKey>")).DeduplicationKey,
            InboundParser.Parse(Event("CLICK", "<EventKey><![CDATA[MENU_2]]></EventKey>")).DeduplicationKey);
    }

    [Theory]
    [InlineData("TEMPLATESENDJOBFINISH")]
    [InlineData("MASSSENDJOBFINISH")]
    public void Job_finish_events_in_the_same_second_are_told_apart_by_msg_id(string name)
    {
        var first = InboundParser.Parse(Event(name, "<MsgID>200163836</MsgID>\n<Status><![CDATA[success]]></Status>"));
        var second = InboundParser.Parse(Event(name, "<MsgID>200163837</MsgID>\n<Status><![CDATA[success]]></Status>"));

        Assert.NotEqual(first.DeduplicationKey, second.DeduplicationKey);
        Assert.EndsWith(":200163836", first.DeduplicationKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_events_in_the_same_second_get_different_keys()
    {
        var created = InboundParser.Parse(Event("kf_create_session", "<KfAccount><![CDATA[a@b]]></KfAccount>"));
        var closed = InboundParser.Parse(Event("kf_close_session", "<KfAccount><![CDATA[a@b]]></KfAccount>"));

        Assert.IsType<UnknownMessage>(created);
        Assert.NotEqual(created.DeduplicationKey, closed.DeduplicationKey);
    }

    [Fact]
    public void Unknown_message_with_msg_id_uses_it()
    {
        var unknown = InboundParser.Parse(Message("miniprogrampage", "<Title>x</Title>\n<MsgId>42</MsgId>"));

        Assert.Equal($"{Follower}:42", unknown.DeduplicationKey);
    }
}
