namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// One template's answer in a subscription-message popup (a <c>List</c> element of SubscribeMsgPopupEvent).
/// See https://developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api.html
/// </summary>
/// <param name="TemplateId">The template the follower answered for.</param>
/// <param name="SubscribeStatusString"><c>accept</c> or <c>reject</c>.</param>
/// <param name="PopupScene">Where the popup appeared (a number defined by the platform).</param>
public sealed record SubscribeMessagePopupItem(string TemplateId, string SubscribeStatusString, int PopupScene);
