namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// An image message (MsgType <c>image</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed record ImageMessage : StandardMessage
{
    public required string PicUrl { get; init; }

    /// <summary>Temporary media id; fetch it with the media API within three days.</summary>
    public required string MediaId { get; init; }

    public override MessageKind Kind => MessageKind.Image;
}
