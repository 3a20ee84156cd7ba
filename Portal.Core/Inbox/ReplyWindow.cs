namespace Portal.Core.Inbox;

/// <summary>
/// The platform's rule for customer-service messages: they reach a follower for 48 hours after the
/// follower last wrote, tapped a menu, followed or scanned a code; after that the platform answers 45015.
/// Portal measures from the follower's last interaction as its message server recorded it.
/// </summary>
public static class ReplyWindow
{
    public static readonly TimeSpan Length = Platform.CustomServiceClient.Window;

    /// <summary>How long the window stays open; zero or less when it is closed (or never opened).</summary>
    public static TimeSpan Left(DateTimeOffset? lastInteraction, DateTimeOffset now) =>
        lastInteraction is { } last ? last + Length - now : TimeSpan.MinValue;

    public static bool IsOpen(DateTimeOffset? lastInteraction, DateTimeOffset now) => Left(lastInteraction, now) > TimeSpan.Zero;

    /// <summary>"31 h 12 min left", or since when it is closed, for the pages.</summary>
    public static string Describe(DateTimeOffset? lastInteraction, DateTimeOffset now)
    {
        if (lastInteraction is null)
            return "closed: they have not written yet";
        var left = Left(lastInteraction, now);
        if (left <= TimeSpan.Zero)
            return $"closed since {(lastInteraction.Value + Length):yyyy-MM-dd HH:mm} UTC";
        return left.TotalHours >= 1 ? $"{(int)left.TotalHours} h {left.Minutes} min left" : $"{Math.Max(1, left.Minutes)} min left";
    }
}
