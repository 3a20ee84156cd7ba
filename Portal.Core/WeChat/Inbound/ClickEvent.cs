namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A tap on a <c>click</c> menu button (Event <c>CLICK</c>); <see cref="EventMessage.EventKey"/> is the button's key.
/// See https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Custom_Menu_Push_Events.html
/// </summary>
public sealed record ClickEvent : EventMessage
{
    public override EventKind EventKind => EventKind.Click;
}
