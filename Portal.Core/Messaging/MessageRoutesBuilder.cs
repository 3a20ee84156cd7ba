using Portal.Core.WeChat.Inbound;

namespace Portal.Core.Messaging;

/// <summary>A readable way to write the routing table: <c>routes.On(MessageKind.Text, handler)</c>.</summary>
public sealed class MessageRoutesBuilder
{
    private readonly List<MessageRoute> _routes = [];

    public MessageRoutesBuilder On(MessageKind kind, IMessageHandler handler)
    {
        _routes.Add(new MessageRoute(kind, null, null, handler));
        return this;
    }

    public MessageRoutesBuilder OnEvent(EventKind @event, IMessageHandler handler)
    {
        _routes.Add(new MessageRoute(MessageKind.Event, @event, null, handler));
        return this;
    }

    public MessageRoutesBuilder OnEventKey(EventKind @event, string key, IMessageHandler handler)
    {
        _routes.Add(new MessageRoute(MessageKind.Event, @event, key, handler));
        return this;
    }

    public MessageRouter Build() => new(_routes);
}
