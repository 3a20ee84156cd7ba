namespace Portal.Tests.Cluster;

/// <summary>
/// One HTTP attempt WeChat made: to which instance, how long the instance took (up to WeChat's 5 s), and what
/// came back: a status and body, or nothing (timed out, connection refused or reset).
/// </summary>
public sealed record PushAttempt(string Instance, TimeSpan SentAfter, TimeSpan Latency, int? Status, string? Body, string? Problem)
{
    /// <summary>WeChat takes any 2xx within the window as the answer and stops retrying.</summary>
    public bool Answered => Status is >= 200 and < 300;

    /// <summary>The instance said no quickly (a 5xx), as opposed to not answering in time at all.</summary>
    public bool Refused => Status is >= 500;

    /// <summary>The request completed (any HTTP answer) inside WeChat's window.</summary>
    public bool Completed => Status is not null;

    /// <summary>A passive reply the follower sees: XML, not <c>success</c> or an empty body.</summary>
    public bool HasReply => Answered && Body is { Length: > 0 } body && body != "success";
}
