namespace Portal.Core.WeChat.Replies;

/// <summary>
/// A music reply. Only the thumbnail is required; the other fields are left out when null.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Passive_user_reply_message.html
/// </summary>
/// <param name="ThumbMediaId">Media id of the cover thumbnail.</param>
/// <param name="Title">Shown as the track title.</param>
/// <param name="Description">Shown under the title.</param>
/// <param name="MusicUrl">The track's URL.</param>
/// <param name="HQMusicUrl">A high-quality version, preferred on Wi-Fi.</param>
public sealed record MusicReply(
    string ThumbMediaId,
    string? Title = null,
    string? Description = null,
    string? MusicUrl = null,
    string? HQMusicUrl = null) : Reply
{
    public string ThumbMediaId { get; init; } = Required(ThumbMediaId, nameof(ThumbMediaId));
}
