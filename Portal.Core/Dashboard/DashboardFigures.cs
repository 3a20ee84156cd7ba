namespace Portal.Core.Dashboard;

/// <summary>What the dashboard shows: one value per day for each series, oldest day first, days without activity as 0.</summary>
public sealed record DashboardFigures
{
    public required IReadOnlyList<string> Days { get; init; }
    public long FollowersNow { get; init; }
    public required IReadOnlyList<long> NewFollowers { get; init; }
    public required IReadOnlyList<long> LostFollowers { get; init; }
    public required IReadOnlyList<long> MessagesIn { get; init; }
    public long OutboxWaiting { get; init; }
    public long OutboxFailed { get; init; }
    public DateTimeOffset? OldestWaitingSince { get; init; }
}
