using System.Text.Json;

namespace Portal.Core.Messaging;

/// <summary>
/// The outbox payload of a reply that missed WeChat's window: the message (so the handler can be run
/// again if the instance stops before it finishes) and, once known, the reply to send through the
/// customer-service API.
/// </summary>
public sealed record LateReply(string AppId, string MessageXml, string? ReplyJson = null)
{
    public const string OutboxKind = "late_reply";

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static LateReply FromJson(string json) =>
        JsonSerializer.Deserialize<LateReply>(json, JsonSerializerOptions.Web) ?? throw new FormatException("Empty late-reply payload.");
}
