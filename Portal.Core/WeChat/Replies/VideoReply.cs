namespace Portal.Core.WeChat.Replies;

/// <summary>
/// A video reply, by the media id of an uploaded video; title and description are optional and left out when null.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
public sealed record VideoReply(string MediaId, string? Title = null, string? Description = null) : Reply
{
    public string MediaId { get; init; } = Required(MediaId, nameof(MediaId));
}
