namespace Portal.Core.Messaging;

/// <summary>What claiming a message key found.</summary>
public readonly record struct ClaimOutcome(ClaimState State, string? OwnerToken, string? ReplyXml)
{
    public static ClaimOutcome Won(string token) => new(ClaimState.Won, token, null);

    public static ClaimOutcome Done(string replyXml) => new(ClaimState.Done, null, replyXml);

    public static readonly ClaimOutcome InProgress = new(ClaimState.InProgress, null, null);
}

public enum ClaimState
{
    /// <summary>This delivery is the first: run the handler.</summary>
    Won,

    /// <summary>An earlier delivery is still running.</summary>
    InProgress,

    /// <summary>An earlier delivery finished; replay its reply (empty: it answered <c>success</c>).</summary>
    Done,
}
