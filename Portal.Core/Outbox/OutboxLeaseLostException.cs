namespace Portal.Core.Outbox;

/// <summary>Thrown by a delivery that found its lease taken by another instance: it stops, leaving the row to them.</summary>
public sealed class OutboxLeaseLostException(string key) : Exception($"The lease on {key} was taken by another instance.");
