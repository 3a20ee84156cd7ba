using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>
/// The routing table, built once in one place (<see cref="MessageRoutes"/>). For a message it picks the
/// most specific matching row; with none, the fallback handler (which may be null: no reply).
/// </summary>
public sealed class MessageRouter
{
    private readonly MessageRoute[] _routes;
    private readonly IMessageHandler? _fallback;

    public MessageRouter(IEnumerable<MessageRoute> routes, IMessageHandler? fallback)
    {
        // Sorted once so the first match is the most specific; the sort is stable, so equals keep their order.
        _routes = routes.OrderByDescending(r => r.Specificity).ToArray();
        _fallback = fallback;
    }

    public IReadOnlyList<MessageRoute> Routes => _routes;

    public IMessageHandler? Resolve(InboundMessage message)
    {
        foreach (var route in _routes)
        {
            if (route.Matches(message))
                return route.Handler;
        }
        return _fallback;
    }
}
