namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A short video message (MsgType <c>shortvideo</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed record ShortVideoMessage : StandardMessage
{
    public required string MediaId { get; init; }

    public required string ThumbMediaId { get; init; }

    public override MessageKind Kind => MessageKind.ShortVideo;
}
