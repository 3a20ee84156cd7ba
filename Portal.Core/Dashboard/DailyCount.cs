namespace Portal.Core.Dashboard;

/// <summary>
/// A count for one UTC day (yyyy-MM-dd). Settable properties rather than a constructor: SQLite reports
/// computed columns of an empty result as blobs, which no constructor matches.
/// </summary>
public sealed record DailyCount
{
    public string Day { get; init; } = "";
    public long Count { get; init; }
}
