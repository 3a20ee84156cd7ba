using System.Globalization;

namespace Portal.Tests.Infrastructure;

/// <summary>Message and event XML as WeChat writes it (CDATA for strings, bare numbers), for functional tests.</summary>
public static class InboundXml
{
    public const string Account = "gh_3c884a361561";
    private static long _msgId = 7_300_000_000_000_000_000 + Random.Shared.NextInt64(1_000_000_000);

    public static long NextMsgId() => Interlocked.Increment(ref _msgId);

    public static string NewOpenId() => "oTest" + Guid.NewGuid().ToString("N")[..23];

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static string Text(string openId, string content, long? msgId = null, long? createTime = null) =>
        Message(openId, "text", $"<Content><![CDATA[{content}]]></Content>", msgId, createTime);

    public static string Message(string openId, string msgType, string fields, long? msgId = null, long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{(createTime ?? Now).ToString(CultureInfo.InvariantCulture)}</CreateTime><MsgType><![CDATA[{msgType}]]></MsgType>{fields}" +
        $"<MsgId>{(msgId ?? NextMsgId()).ToString(CultureInfo.InvariantCulture)}</MsgId></xml>";

    public static string Event(string openId, string @event, string eventKey = "", string extra = "", long? createTime = null) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName>" +
        $"<CreateTime>{(createTime ?? Now).ToString(CultureInfo.InvariantCulture)}</CreateTime><MsgType><![CDATA[event]]></MsgType>" +
        $"<Event><![CDATA[{@event}]]></Event><EventKey><![CDATA[{eventKey}]]></EventKey>{extra}</xml>";
}
