namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A tap on a <c>view</c> menu button that opened a page (Event <c>VIEW</c>). A reply to it is not shown.
/// See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
/// </summary>
public sealed record ViewEvent : EventMessage
{
    /// <summary>The page URL (the EventKey).</summary>
    public string Url => EventKey;

    /// <summary>The id of the conditional menu that matched, when one did; otherwise null.</summary>
    public string? MenuId { get; init; }

    public override EventKind EventKind => EventKind.View;
}
