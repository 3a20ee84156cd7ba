namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A link the follower shared (MsgType <c>link</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed record LinkMessage : StandardMessage
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string Url { get; init; }

    public override MessageKind Kind => MessageKind.Link;
}
