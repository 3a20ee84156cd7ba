namespace Portal.Core.Messaging;

/// <summary>The webhook's limits and budgets, bound from the <c>Messaging</c> section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Where WeChat calls us: the URL entered in the console's server configuration.</summary>
    public string Path { get; set; } = "/wx";

    /// <summary>WeChat's pushes are a few kilobytes at most; anything much larger is refused unread.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How far a request's timestamp may be from our clock before it is taken for a replay.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a handler may take before WeChat gets <c>success</c> and the reply goes through the
    /// customer-service API instead. WeChat gives up on an answer after 5 seconds.
    /// </summary>
    public TimeSpan HandlerDeadline { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// How long a message's reply is kept for replay to WeChat's retries. WeChat retries for about
    /// 15 seconds; a few minutes covers clock drift and slow networks.
    /// </summary>
    public TimeSpan ReplyRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often each instance re-reads the auto-reply rules, so edits reach every instance.</summary>
    public TimeSpan RulesRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);
}
