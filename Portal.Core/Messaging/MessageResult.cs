namespace Portal.Core.Messaging;

/// <summary>What the webhook answers WeChat: the plaintext reply XML, or nothing (<c>success</c>).</summary>
public readonly record struct MessageResult(string? ReplyXml, MessageOutcome Outcome)
{
    public bool HasReply => !string.IsNullOrEmpty(ReplyXml);
}

/// <summary>How the message was handled, for logs and tests.</summary>
public enum MessageOutcome
{
    /// <summary>The handler ran and answered (or had nothing to say).</summary>
    Handled,

    /// <summary>The handler missed the deadline: <c>success</c> now, the reply through the outbox later.</summary>
    Deferred,

    /// <summary>A retry of a message already answered: the same reply again.</summary>
    Replayed,

    /// <summary>A retry that arrived while the first delivery was still running and outlasted the wait.</summary>
    StillRunning,

    /// <summary>The handler threw: <c>success</c>, so the follower sees nothing broken; the error is logged.</summary>
    HandlerFailed,
}
