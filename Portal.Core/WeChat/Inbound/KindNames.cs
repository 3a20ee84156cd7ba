using System.Collections.Frozen;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// The wire names of message types and events. Both are matched case-insensitively: the platform's own casing is
/// inconsistent (<c>subscribe</c> but <c>SCAN</c>) and has varied over the years.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
internal static class KindNames
{
    private static readonly FrozenDictionary<string, MessageKind> MessageKinds =
        new Dictionary<string, MessageKind>
        {
            ["text"] = MessageKind.Text,
            ["image"] = MessageKind.Image,
            ["voice"] = MessageKind.Voice,
            ["video"] = MessageKind.Video,
            ["shortvideo"] = MessageKind.ShortVideo,
            ["location"] = MessageKind.Location,
            ["link"] = MessageKind.Link,
            ["file"] = MessageKind.File,
            ["event"] = MessageKind.Event,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, EventKind> EventKinds =
        new Dictionary<string, EventKind>
        {
            ["subscribe"] = EventKind.Subscribe,
            ["unsubscribe"] = EventKind.Unsubscribe,
            ["SCAN"] = EventKind.Scan,
            ["LOCATION"] = EventKind.Location,
            ["CLICK"] = EventKind.Click,
            ["VIEW"] = EventKind.View,
            ["scancode_push"] = EventKind.ScanCodePush,
            ["scancode_waitmsg"] = EventKind.ScanCodeWaitMsg,
            ["pic_sysphoto"] = EventKind.PicSysPhoto,
            ["pic_photo_or_album"] = EventKind.PicPhotoOrAlbum,
            ["pic_weixin"] = EventKind.PicWeixin,
            ["location_select"] = EventKind.LocationSelect,
            ["view_miniprogram"] = EventKind.ViewMiniProgram,
            ["TEMPLATESENDJOBFINISH"] = EventKind.TemplateSendJobFinish,
            ["MASSSENDJOBFINISH"] = EventKind.MassSendJobFinish,
            ["subscribe_msg_popup_event"] = EventKind.SubscribeMessagePopup,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryGetMessageKind(string msgType, out MessageKind kind) => MessageKinds.TryGetValue(msgType, out kind);

    public static bool TryGetEventKind(string eventName, out EventKind kind) => EventKinds.TryGetValue(eventName, out kind);
}
