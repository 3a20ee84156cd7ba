namespace Portal.Core.Inbox;

/// <summary>A follower's message in the inbox, with what is known about its answer and the sender's window.</summary>
public sealed record InboxMessage
{
    public long Id { get; init; }
    public required string OpenId { get; init; }
    public required string MsgType { get; init; }
    public string? Content { get; init; }

    /// <summary>The passive reply's type, <c>deferred</c> when it went out through the outbox, null when none.</summary>
    public string? ReplyType { get; init; }

    /// <summary><see cref="Messaging.MessageReplyKinds"/>: whether the passive reply answered, or was only the default reply.</summary>
    public string? ReplyKind { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? Remark { get; init; }
    public DateTimeOffset? LastInteractionAt { get; init; }
    public DateTimeOffset? LastReplyAt { get; init; }

    /// <summary>Answered by a rule's passive reply, or by an operator's reply queued since; the default reply is no answer.</summary>
    public bool Answered => ReplyKind == Messaging.MessageReplyKinds.Answer || LastReplyAt >= CreatedAt;

    /// <summary>Only the default reply went back: the follower was told they would hear from someone.</summary>
    public bool OnlyDefaultReply => ReplyKind == Messaging.MessageReplyKinds.Fallback;
}

/// <summary>An operator's reply and how its delivery stands in the outbox.</summary>
public sealed record OperatorReply
{
    public long Id { get; init; }
    public required string OpenId { get; init; }
    public string? Content { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? OutboxKey { get; init; }

    /// <summary>The outbox row's status: ready (queued), sending, sent or failed.</summary>
    public string? Status { get; init; }

    /// <summary>Why delivery failed (or why it is being tried again), as the platform said it.</summary>
    public string? LastError { get; init; }
}
