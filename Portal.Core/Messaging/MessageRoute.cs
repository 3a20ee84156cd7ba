using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>
/// One row of the routing table: a message kind, optionally an event and an exact event key, and the
/// handler for what matches.
/// </summary>
public sealed record MessageRoute(MessageKind Kind, EventKind? Event, string? EventKey, IMessageHandler Handler)
{
    public bool Matches(InboundMessage message)
    {
        if (message.Kind != Kind)
            return false;
        if (Event is null)
            return true;
        if (message is not EventMessage e || e.EventKind != Event)
            return false;
        if (EventKey is null)
            return true;
        return string.Equals(e.EventKey, EventKey, StringComparison.Ordinal);
    }

    /// <summary>More specific rows win: a key beats an event, an event beats a kind.</summary>
    internal int Specificity => (Event is null ? 0 : 2) + (EventKey is null ? 0 : 1);
}
