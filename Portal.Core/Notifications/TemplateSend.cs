using System.Text.Json;
using Portal.Core.Platform;

namespace Portal.Core.Notifications;

/// <summary>
/// The outbox payload of a template message. Features enqueue it with <see cref="TemplateSends"/> and the
/// outbox delivers it, so a notice decided in a request (points changed, order shipped) is not lost when
/// the platform is busy or the instance stops.
/// </summary>
public sealed record TemplateSend(TemplateMessage Message)
{
    public const string OutboxKind = "template_send";

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static TemplateSend FromJson(string json) =>
        JsonSerializer.Deserialize<TemplateSend>(json, JsonSerializerOptions.Web) is { Message: not null } send
            ? send
            : throw new FormatException("Empty template-send payload.");
}
