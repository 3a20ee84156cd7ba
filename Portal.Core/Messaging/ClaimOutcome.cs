namespace Portal.Core.Messaging;

/// <summary>What claiming (or waiting for) a message key found.</summary>
public readonly record struct ClaimOutcome(ClaimState State, string? OwnerToken, string? ReplyXml, bool AskDatabase, string? Holder)
{
    /// <param name="askDatabase">The store cannot vouch that the message is new: ask the database before running it.</param>
    public static ClaimOutcome Won(string token, bool askDatabase) => new(ClaimState.Won, token, null, askDatabase, null);

    public static ClaimOutcome Done(string replyXml) => new(ClaimState.Done, null, replyXml, false, null);

    /// <param name="holder">The processing claim found, naming the instance that holds it.</param>
    public static ClaimOutcome InProgress(string? holder) => new(ClaimState.InProgress, null, null, false, holder);

    public static readonly ClaimOutcome Unguarded = new(ClaimState.Unguarded, null, null, true, null);
}

public enum ClaimState
{
    /// <summary>This delivery holds the message: run the handler (after asking the database, if told to).</summary>
    Won,

    /// <summary>An earlier delivery is still running.</summary>
    InProgress,

    /// <summary>An earlier delivery finished; replay its reply (empty: it answered <c>success</c>).</summary>
    Done,

    /// <summary>The shared store cannot be reached: only the database can say whether the message is new.</summary>
    Unguarded,
}
