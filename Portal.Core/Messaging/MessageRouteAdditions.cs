namespace Portal.Core.Messaging;

/// <summary>
/// Rows a part of the application adds to the routing table (the sandbox's demonstrations, an
/// application's own handlers), registered as services and applied by <see cref="MessageRoutes.Build"/>.
/// The most specific row still wins, so an addition for one event key leaves the rest of its event alone.
/// </summary>
public sealed record MessageRouteAdditions(string Purpose, Action<MessageRoutesBuilder> Add);
