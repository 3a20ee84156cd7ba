namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A follower answered a subscription-message popup (Event <c>subscribe_msg_popup_event</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html
/// </summary>
public sealed record SubscribeMessagePopupEvent : EventMessage
{
    /// <summary>One entry per template in the popup.</summary>
    public required IReadOnlyList<SubscribeMessagePopupItem> Items { get; init; }

    public override EventKind EventKind => EventKind.SubscribeMessagePopup;
}
