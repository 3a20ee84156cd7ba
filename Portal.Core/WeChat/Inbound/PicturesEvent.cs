namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A menu button that let the follower send pictures: <c>pic_sysphoto</c> (camera), <c>pic_photo_or_album</c>
/// (camera or album) or <c>pic_weixin</c> (WeChat album). The pictures themselves arrive as image messages.
/// See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
/// </summary>
public abstract record PicturesEvent : EventMessage
{
    /// <summary>The Count from SendPicsInfo.</summary>
    public required int Count { get; init; }

    /// <summary>The PicMd5Sum of each PicList item, in order.</summary>
    public required IReadOnlyList<string> PicMd5Sums { get; init; }
}

/// <summary>Event <c>pic_sysphoto</c>. See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html</summary>
public sealed record PicSysPhotoEvent : PicturesEvent
{
    public override EventKind EventKind => EventKind.PicSysPhoto;
}

/// <summary>Event <c>pic_photo_or_album</c>. See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html</summary>
public sealed record PicPhotoOrAlbumEvent : PicturesEvent
{
    public override EventKind EventKind => EventKind.PicPhotoOrAlbum;
}

/// <summary>Event <c>pic_weixin</c>. See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html</summary>
public sealed record PicWeixinEvent : PicturesEvent
{
    public override EventKind EventKind => EventKind.PicWeixin;
}
