namespace Portal.Core.Followers;

/// <summary>A person who follows (or once followed) the account, known by their OpenID.</summary>
public sealed record Follower
{
    public required string OpenId { get; init; }
    public bool Subscribed { get; init; }
    public DateTimeOffset? SubscribedAt { get; init; }
    public DateTimeOffset? UnsubscribedAt { get; init; }

    /// <summary>The parameter-QR scene of the latest follow, or null for a plain follow.</summary>
    public string? QrScene { get; init; }
    public string? UnionId { get; init; }
    public string? Remark { get; init; }

    /// <summary>When they last wrote, tapped or followed: the start of the 48-hour reply window.</summary>
    public DateTimeOffset? LastInteractionAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
