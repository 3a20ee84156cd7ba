using System.Globalization;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// The outcome of a mass send (Event <c>MASSSENDJOBFINISH</c>). The originality-check blocks that may follow are
/// not modelled.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
/// </summary>
public sealed record MassSendJobFinishEvent : EventMessage
{
    /// <summary>The mass send's id (<c>MsgID</c> on the wire).</summary>
    public required long MsgId { get; init; }

    /// <summary>For example <c>send success</c>, <c>send fail</c> or <c>err(num)</c>.</summary>
    public required string Status { get; init; }

    public required int TotalCount { get; init; }

    /// <summary>How many remained after filtering.</summary>
    public required int FilterCount { get; init; }

    public required int SentCount { get; init; }

    public required int ErrorCount { get; init; }

    public override EventKind EventKind => EventKind.MassSendJobFinish;

    /// <summary>Includes the MsgID, as two mass sends can finish in the same second.</summary>
    public override string DeduplicationKey =>
        string.Create(CultureInfo.InvariantCulture, $"{FromUserName}:{CreateTime}:{Event}:{EventKey}:{MsgId}");
}
