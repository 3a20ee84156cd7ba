using System.Globalization;
using Portal.Core.Followers;
using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>How a message is written down: its log row's key fields, and what it says about its sender.</summary>
public static class MessageSummary
{
    public static string? MsgId(InboundMessage message) => message switch
    {
        StandardMessage m => m.MsgId.ToString(CultureInfo.InvariantCulture),
        TemplateSendJobFinishEvent e => e.MsgId.ToString(CultureInfo.InvariantCulture),
        MassSendJobFinishEvent e => e.MsgId.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>What the follower sent, in a line: the inbox and the follower's page show it.</summary>
    public static string? Content(InboundMessage message) => message switch
    {
        TextMessage m => m.Content,
        VoiceMessage m => m.Recognition,
        ImageMessage m => m.PicUrl,
        LocationMessage m => string.Create(CultureInfo.InvariantCulture, $"{m.Label} ({m.LocationX}, {m.LocationY})"),
        LinkMessage m => $"{m.Title} {m.Url}",
        FileMessage m => m.Title,
        ScanCodeEvent e => e.ScanResult,
        LocationSelectEvent e => string.Create(CultureInfo.InvariantCulture, $"{e.Label} ({e.LocationX}, {e.LocationY})"),
        TemplateSendJobFinishEvent e => e.Status,
        MassSendJobFinishEvent e => e.Status,
        _ => null,
    };

    /// <summary>
    /// Follows and unfollows change the followers table; messages and menu taps open the 48-hour
    /// customer-service window. Automatic reports (location, job results) and link views do neither.
    /// </summary>
    public static FollowerChange? FollowerChange(int accountId, InboundMessage message, DateTimeOffset at) => message switch
    {
        SubscribeEvent e => new FollowerChange(accountId, e.FromUserName, FollowerChangeKind.Subscribe, e.Scene, at),
        UnsubscribeEvent e => new FollowerChange(accountId, e.FromUserName, FollowerChangeKind.Unsubscribe, null, at),
        StandardMessage or ClickEvent or ScanEvent or ScanCodeEvent or PicturesEvent or LocationSelectEvent
            => new FollowerChange(accountId, message.FromUserName, FollowerChangeKind.Interaction, null, at),
        _ => null,
    };
}
