using Portal.Core.AutoReplies;
using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>
/// Portal's routing table: which handler answers which message. This is the one place handlers are
/// registered; read it to know what the account does.
/// </summary>
public static class MessageRoutes
{
    public static MessageRouter Build(AutoReplyHandler autoReply, FollowHandler follow, ScanHandler scan, MenuClickHandler click, IEnumerable<MessageRouteAdditions> additions)
    {
        var routes = new MessageRoutesBuilder()
            // Follower messages: keyword rules, else the default reply.
            .On(MessageKind.Text, autoReply)
            .On(MessageKind.Voice, autoReply)        // matched on WeChat's speech recognition when it is on
            .On(MessageKind.Image, autoReply)
            .On(MessageKind.Video, autoReply)
            .On(MessageKind.ShortVideo, autoReply)
            .On(MessageKind.Location, autoReply)
            .On(MessageKind.Link, autoReply)
            .On(MessageKind.File, autoReply)
            // Follows and QR scans: the greeting, per scene when the operator set one.
            .OnEvent(EventKind.Subscribe, follow)
            .OnEvent(EventKind.Scan, scan)
            // Menu buttons with a key: the reply configured for that key.
            .OnEvent(EventKind.Click, click)
            .OnEvent(EventKind.ScanCodeWaitMsg, click)
            .OnEvent(EventKind.PicSysPhoto, click)
            .OnEvent(EventKind.PicPhotoOrAlbum, click)
            .OnEvent(EventKind.PicWeixin, click)
            .OnEvent(EventKind.LocationSelect, click);
        // Everything else (unfollow, VIEW, LOCATION reports, job reports, unknown types) needs no reply:
        // it is logged and answered with "success".
        foreach (var addition in additions)
            addition.Add(routes);
        return routes.Build();
    }
}
