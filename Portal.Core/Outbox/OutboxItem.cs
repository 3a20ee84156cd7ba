namespace Portal.Core.Outbox;

/// <summary>One piece of outbound work, kept until it is delivered or given up with a reason.</summary>
public sealed record OutboxItem
{
    public long Id { get; init; }
    public required string Kind { get; init; }

    /// <summary>The account the work is for (<see cref="Accounts.WeChatAccount.Id"/>); delivery uses its token.</summary>
    public int AccountId { get; init; } = Accounts.WeChatAccount.DefaultId;

    /// <summary>Unique per piece of work: enqueuing the same work twice keeps one row.</summary>
    public required string IdempotencyKey { get; init; }
    public string? OpenId { get; init; }
    public required string Status { get; init; }
    public required string Payload { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When an operator marked a failed row as seen, so it no longer waits for them.</summary>
    public DateTimeOffset? DismissedAt { get; init; }
}
