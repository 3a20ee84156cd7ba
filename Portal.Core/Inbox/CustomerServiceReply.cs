using System.Text.Json;

namespace Portal.Core.Inbox;

/// <summary>
/// The outbox payload of an operator's reply to a follower, sent through the customer-service API
/// (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html).
/// <see cref="WindowClosesAt"/> is when the follower's 48-hour window closes, as known when the reply was
/// written: the outbox tries no longer than that.
/// </summary>
public sealed record CustomerServiceReply(string Text, string OperatorName, DateTimeOffset? WindowClosesAt = null)
{
    public const string OutboxKind = "customer_service_reply";

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static CustomerServiceReply FromJson(string json) =>
        JsonSerializer.Deserialize<CustomerServiceReply>(json, JsonSerializerOptions.Web) is { Text: not null } reply
            ? reply
            : throw new FormatException("Empty customer-service reply payload.");
}
