namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// Which event an <see cref="EventMessage"/> is. WeChat's own spelling mixes cases (<c>subscribe</c>,
/// <c>SCAN</c>, <c>scancode_push</c>); it is matched case-insensitively and kept in <see cref="EventMessage.Event"/>.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html and
/// https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
/// </summary>
public enum EventKind
{
    Subscribe,
    Unsubscribe,
    Scan,
    Location,
    Click,
    View,
    ScanCodePush,
    ScanCodeWaitMsg,
    PicSysPhoto,
    PicPhotoOrAlbum,
    PicWeixin,
    LocationSelect,
    ViewMiniProgram,
    TemplateSendJobFinish,
    MassSendJobFinish,
    SubscribeMessagePopup,
}
