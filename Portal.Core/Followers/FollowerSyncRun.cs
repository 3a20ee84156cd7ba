namespace Portal.Core.Followers;

/// <summary>One sync of the followers from the platform, as the followers page shows its progress.</summary>
public sealed record FollowerSyncRun
{
    public long Id { get; init; }
    public required string Status { get; init; }
    public required string StartedBy { get; init; }

    /// <summary>Followers the platform said the account has, once the first page is in.</summary>
    public int? Total { get; init; }
    public int Pages { get; init; }
    public int Followers { get; init; }

    /// <summary>Where the next page starts (the platform's next_openid cursor).</summary>
    public string? NextOpenId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    public const string Running = "running";
    public const string Finished = "finished";
}
