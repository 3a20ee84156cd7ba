namespace Portal.Core.AutoReplies;

/// <summary>What makes an auto-reply rule answer.</summary>
public enum RuleTrigger
{
    /// <summary>The follower's text equals the pattern (ignoring case and surrounding spaces).</summary>
    Exact,

    /// <summary>The follower's text contains the pattern (ignoring case).</summary>
    Contains,

    /// <summary>The follower's text matches the pattern as a .NET regular expression, under a match timeout.</summary>
    Regex,

    /// <summary>A follow: the pattern is a QR scene, or empty for the greeting of a plain follow.</summary>
    Follow,

    /// <summary>A menu CLICK whose key equals the pattern.</summary>
    Click,

    /// <summary>Whatever nothing else answered.</summary>
    Default,
}
