using System.Globalization;

namespace Portal.Tests.WeChat;

/// <summary>Pushed bodies shaped like the platform's: LF between elements, strings in CDATA, numbers bare.</summary>
internal static class InboundSamples
{
    public const string Account = "gh_a96a4a619366";
    public const string Follower = "olPjZjsXuQPJoV0HlruZkNzKc91E";
    public const long Time = 1700000000;

    public static string Message(string msgType, string fields, string from = Follower, long createTime = Time) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName>
            <FromUserName><![CDATA[{from}]]></FromUserName>
            <CreateTime>{createTime}</CreateTime>
            <MsgType><![CDATA[{msgType}]]></MsgType>
            {fields}
            </xml>
            """);

    public static string Event(string eventName, string fields = "", string from = Follower, long createTime = Time) =>
        Message("event", $"<Event><![CDATA[{eventName}]]></Event>\n{fields}", from, createTime);
}
