namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// The four fields every inbound message carries.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
/// <param name="ToUserName">The account's original id (<c>gh_…</c>).</param>
/// <param name="FromUserName">The follower's OpenID.</param>
/// <param name="CreateTime">Unix seconds.</param>
/// <param name="MsgType">The MsgType as sent, for example <c>text</c> or <c>event</c>.</param>
public readonly record struct MessageHeader(string ToUserName, string FromUserName, long CreateTime, string MsgType);
