using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>
/// The routing table, built once in one place (<see cref="MessageRoutes"/>). For a message it picks the
/// most specific matching row; with none, no handler (the message is logged and answered "success").
/// </summary>
public sealed class MessageRouter
{
    private readonly MessageRoute[] _routes;

    public MessageRouter(IEnumerable<MessageRoute> routes)
    {
        // Sorted once so the first match is the most specific; the sort is stable, so equals keep their order.
        _routes = routes.OrderByDescending(r => r.Specificity).ToArray();
    }

    public IReadOnlyList<MessageRoute> Routes => _routes;

    public IMessageHandler? Resolve(InboundMessage message)
    {
        foreach (var route in _routes)
        {
            if (route.Matches(message))
                return route.Handler;
        }
        return null;
    }
}
