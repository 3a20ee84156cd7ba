namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A text message (MsgType <c>text</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed record TextMessage : StandardMessage
{
    public required string Content { get; init; }

    /// <summary>Set when the text was sent from an article (its data id); otherwise null.</summary>
    public string? MsgDataId { get; init; }

    /// <summary>Set with <see cref="MsgDataId"/>: which article of a multi-article message.</summary>
    public int? Idx { get; init; }

    /// <summary>Set when the follower tapped an option of a menu message (<c>bizmsgmenuid</c>).</summary>
    public string? BizMsgMenuId { get; init; }

    public override MessageKind Kind => MessageKind.Text;
}
