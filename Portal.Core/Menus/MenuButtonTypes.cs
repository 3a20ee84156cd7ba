namespace Portal.Core.Menus;

/// <summary>
/// The button types the platform has, and what each needs
/// (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html).
/// </summary>
public static class MenuButtonTypes
{
    public const string Click = "click";
    public const string View = "view";
    public const string ScanCodePush = "scancode_push";

    /// <summary>Scans, then shows "receiving" until the account replies to the scan event.</summary>
    public const string ScanCodeWaitMsg = "scancode_waitmsg";
    public const string PicSysPhoto = "pic_sysphoto";
    public const string PicPhotoOrAlbum = "pic_photo_or_album";
    public const string PicWeixin = "pic_weixin";
    public const string LocationSelect = "location_select";

    /// <summary>Sends a permanent material (image, voice, video or news) chosen by media_id.</summary>
    public const string MediaId = "media_id";

    /// <summary>The legacy form of a media_id button for unverified accounts.</summary>
    public const string ViewLimited = "view_limited";

    /// <summary>Opens a published (free-publish) article.</summary>
    public const string ArticleId = "article_id";
    public const string ArticleViewLimited = "article_view_limited";
    public const string MiniProgram = "miniprogram";

    /// <summary>Types whose tap reaches Portal as an event carrying the button's key.</summary>
    public static readonly IReadOnlySet<string> KeyTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        Click, ScanCodePush, ScanCodeWaitMsg, PicSysPhoto, PicPhotoOrAlbum, PicWeixin, LocationSelect,
    };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Click, View, ScanCodePush, ScanCodeWaitMsg, PicSysPhoto, PicPhotoOrAlbum, PicWeixin, LocationSelect,
        MediaId, ViewLimited, ArticleId, ArticleViewLimited, MiniProgram,
    };
}
