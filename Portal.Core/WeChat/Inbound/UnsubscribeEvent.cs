namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// An unfollow (Event <c>unsubscribe</c>). A reply to it is never shown.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
public sealed record UnsubscribeEvent : EventMessage
{
    public override EventKind EventKind => EventKind.Unsubscribe;
}
