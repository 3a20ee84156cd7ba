namespace Portal.Core.Admin.Dashboard;

/// <summary>A count for one UTC day (yyyy-MM-dd).</summary>
public sealed record DailyCount(string Day, long Count);
