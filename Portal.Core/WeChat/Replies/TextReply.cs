namespace Portal.Core.WeChat.Replies;

/// <summary>
/// A text reply. Links may be written as <c>&lt;a href="…"&gt;</c> in the text; the platform renders them.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
public sealed record TextReply(string Content) : Reply
{
    public string Content { get; init; } = Content ?? throw new ArgumentNullException(nameof(Content));
}
