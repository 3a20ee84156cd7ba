using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>
/// One row of the routing table: a message kind, optionally an event and an event key (exact, or a prefix
/// when <see cref="KeyIsPrefix"/>), and the handler for what matches.
/// </summary>
public sealed record MessageRoute(MessageKind Kind, EventKind? Event, string? EventKey, bool KeyIsPrefix, IMessageHandler Handler)
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
        return KeyIsPrefix
            ? e.EventKey.StartsWith(EventKey, StringComparison.Ordinal)
            : string.Equals(e.EventKey, EventKey, StringComparison.Ordinal);
    }

    /// <summary>More specific rows win: a key beats an event, an exact key beats a prefix, a longer prefix beats a shorter one.</summary>
    internal int Specificity => (Event is null ? 0 : 1000) + (EventKey is null ? 0 : KeyIsPrefix ? 100 + EventKey.Length : 900);
}
