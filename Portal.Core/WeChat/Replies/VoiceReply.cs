namespace Portal.Core.WeChat.Replies;

/// <summary>
/// A voice reply, by the media id of uploaded audio.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
public sealed record VoiceReply(string MediaId) : Reply
{
    public string MediaId { get; init; } = Required(MediaId, nameof(MediaId));
}
