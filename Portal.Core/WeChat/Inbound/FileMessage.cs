namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A file the follower sent (MsgType <c>file</c>). Pushed by the platform in practice although the standard-message
/// page does not list it; its fields are those of real pushes.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html
/// </summary>
public sealed record FileMessage : StandardMessage
{
    public required string Title { get; init; }

    public required string Description { get; init; }

    public required string FileKey { get; init; }

    public required string FileMd5 { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long FileTotalLen { get; init; }

    public override MessageKind Kind => MessageKind.File;
}
