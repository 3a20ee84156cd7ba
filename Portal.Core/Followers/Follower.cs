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
    /// <summary>The language of their WeChat, as user info tells (zh_CN, en…).</summary>
    public string? Language { get; init; }

    /// <summary>How they came to follow, as user info tells (ADD_SCENE_SEARCH, ADD_SCENE_QR_CODE…).</summary>
    public string? SubscribeScene { get; init; }

    /// <summary>When a sync from the platform last saw them.</summary>
    public DateTimeOffset? SyncedAt { get; init; }

    /// <summary>When an operator last queued a customer-service reply to them.</summary>
    public DateTimeOffset? LastReplyAt { get; init; }

    /// <summary>The list's order: their latest follow, else when Portal first heard of them.</summary>
    public DateTimeOffset ListedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
