namespace Portal.Core.Coordination;

/// <summary>
/// The shared coordination store (Redis) cannot be reached, or did not answer in time. Thrown quickly, so
/// that callers can fall back on what the database guarantees instead of waiting on a dead server.
/// </summary>
public sealed class CoordinationUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
