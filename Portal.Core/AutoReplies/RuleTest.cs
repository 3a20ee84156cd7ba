namespace Portal.Core.AutoReplies;

/// <summary>What the follower does in a rule test.</summary>
public enum RuleTestKind
{
    /// <summary>Sends a text message.</summary>
    Text,

    /// <summary>Follows the account, through a QR scene or not.</summary>
    Follow,

    /// <summary>Scans a scene's QR code while already following.</summary>
    Scan,

    /// <summary>Taps a menu button with a key.</summary>
    Click,
}

/// <summary>One simulated follower action: the kind, and the text, scene or key that goes with it.</summary>
public sealed record RuleTest(RuleTestKind Kind, string? Value);
