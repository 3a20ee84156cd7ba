namespace Portal.Core.WeChat.Replies;

/// <summary>
/// An image reply, by the media id of an uploaded image.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
public sealed record ImageReply(string MediaId) : Reply
{
    public string MediaId { get; init; } = Required(MediaId, nameof(MediaId));
}
