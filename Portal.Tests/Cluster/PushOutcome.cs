namespace Portal.Tests.Cluster;

/// <summary>How one message went through WeChat's attempts: every attempt, and the one WeChat took as the answer.</summary>
public sealed record PushOutcome(string Xml, IReadOnlyList<PushAttempt> Attempts)
{
    public PushAttempt? Answer => Attempts.FirstOrDefault(a => a.Answered);

    /// <summary>The body WeChat took (XML, <c>success</c> or empty), or null when every attempt failed.</summary>
    public string? Reply => Answer?.Body;

    public bool HasReply => Answer?.HasReply ?? false;

    /// <summary>The instance that answered, to send a later duplicate somewhere else.</summary>
    public string? AnsweredBy => Answer?.Instance;
}
