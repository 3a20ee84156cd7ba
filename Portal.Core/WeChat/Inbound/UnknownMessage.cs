using System.Globalization;

namespace Portal.Core.WeChat.Inbound;

/// <summary>
/// A message whose MsgType or Event this layer does not model (card events, customer-service sessions, new types
/// the platform adds). It is kept rather than rejected, so the webhook can still answer and log it.
/// See https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_standard_messages.html and
/// https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Receiving_event_pushes.html
/// </summary>
public sealed record UnknownMessage : InboundMessage
{
    /// <summary>
    /// Every top-level element by name, the common four included. An element with child elements maps to its
    /// content re-serialised as XML (text escaped, CDATA not kept). The first of repeated names wins.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>The Event value when MsgType is <c>event</c>; otherwise null.</summary>
    public string? Event => IsEvent ? Fields.GetValueOrDefault("Event") : null;

    public override MessageKind Kind => MessageKind.Unknown;

    /// <summary>
    /// As for the modelled types: <c>FromUserName:MsgId</c> when there is a MsgId, the event form (plus a MsgID
    /// when present) for events, and <c>FromUserName:CreateTime:MsgType</c> otherwise.
    /// </summary>
    public override string DeduplicationKey
    {
        get
        {
            if (Fields.TryGetValue("MsgId", out var msgId) && msgId.Length > 0)
            {
                return $"{FromUserName}:{msgId}";
            }

            if (IsEvent)
            {
                var key = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{FromUserName}:{CreateTime}:{Fields.GetValueOrDefault("Event")}:{Fields.GetValueOrDefault("EventKey")}");
                return Fields.TryGetValue("MsgID", out var jobId) && jobId.Length > 0 ? $"{key}:{jobId}" : key;
            }

            return string.Create(CultureInfo.InvariantCulture, $"{FromUserName}:{CreateTime}:{MsgType}");
        }
    }

    private bool IsEvent => string.Equals(MsgType, "event", StringComparison.OrdinalIgnoreCase);
}
