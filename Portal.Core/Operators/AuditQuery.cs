namespace Portal.Core.Operators;

/// <summary>
/// A page of the audit trail, newest first. Paging is by key (<see cref="Before"/> is the last id of the
/// previous page), so a page costs the same however deep it is and rows added meanwhile shift nothing.
/// </summary>
public sealed record AuditQuery
{
    public long? OperatorId { get; init; }

    /// <summary>One account's entries, with those that belong to no account.</summary>
    public int? AccountId { get; init; }
    public string? EntityType { get; init; }

    /// <summary>Inclusive.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }
    public long? Before { get; init; }
    public int Limit { get; init; } = 50;
}
