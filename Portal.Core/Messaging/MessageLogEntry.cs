namespace Portal.Core.Messaging;

/// <summary>One row of the message log: a message or event in, with the reply it got, or a message out.</summary>
public sealed record MessageLogEntry
{
    public long Id { get; init; }

    /// <summary>The account the message came to, or was sent from (<see cref="Accounts.WeChatAccount.Id"/>).</summary>
    public int AccountId { get; init; } = Accounts.WeChatAccount.DefaultId;
    public required string Direction { get; init; }
    public required string OpenId { get; init; }
    public required string MsgType { get; init; }
    public string? Event { get; init; }
    public string? EventKey { get; init; }
    public string? MsgId { get; init; }
    public string? DedupKey { get; init; }

    /// <summary>What the follower sent, in short: the text, a URL, a place, a file name.</summary>
    public string? Content { get; init; }

    /// <summary>The reply's type (<c>text</c>, <c>news</c>…), <c>deferred</c> when it went to the outbox, null for none.</summary>
    public string? ReplyType { get; init; }

    /// <summary>
    /// Whether the passive reply answered the message (<see cref="MessageReplyKinds.Answer"/>) or only
    /// acknowledged it (<see cref="MessageReplyKinds.Fallback"/>, the default reply); null when there was no
    /// passive reply (none, a failed handler, or one deferred to the outbox).
    /// </summary>
    public string? ReplyKind { get; init; }

    /// <summary>The reply in its stored JSON form.</summary>
    public string? ReplyBody { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public const string In = "in";
    public const string Out = "out";
}

/// <summary>What a passive reply did for the follower, as the message log's reply_kind records it.</summary>
public static class MessageReplyKinds
{
    /// <summary>A rule or handler answered what was asked.</summary>
    public const string Answer = "answer";

    /// <summary>The default reply: nothing understood the message, so it still needs a person.</summary>
    public const string Fallback = "fallback";
}
