namespace Portal.Core.Operators;

/// <summary>One change in the audit trail. Before is null for a creation, after for a deletion.</summary>
public sealed record AuditEntry
{
    public long Id { get; init; }
    public long? OperatorId { get; init; }
    public string OperatorName { get; init; } = "";

    /// <summary>The account the change was made on; null when it belongs to none.</summary>
    public int? AccountId { get; init; }
    public string EntityType { get; init; } = "";
    public string? EntityId { get; init; }
    public string Action { get; init; } = "";
    public string? BeforeJson { get; init; }
    public string? AfterJson { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
