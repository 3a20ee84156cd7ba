using System.Globalization;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// The outcome of a template message send (Event <c>TEMPLATESENDJOBFINISH</c>).
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
/// </summary>
public sealed record TemplateSendJobFinishEvent : EventMessage
{
    /// <summary>The id the send call returned (<c>MsgID</c>, capital D, on the wire).</summary>
    public required long MsgId { get; init; }

    /// <summary><c>success</c>, <c>failed:user block</c> or <c>failed: system failed</c>.</summary>
    public required string Status { get; init; }

    public override EventKind EventKind => EventKind.TemplateSendJobFinish;

    /// <summary>Includes the MsgID: a burst of sends finishes for one follower within the same second.</summary>
    public override string DeduplicationKey =>
        string.Create(CultureInfo.InvariantCulture, $"{FromUserName}:{CreateTime}:{Event}:{EventKey}:{MsgId}");
}
