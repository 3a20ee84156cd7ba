using Portal.Core.WeChat.Replies;

namespace Portal.Core.AutoReplies;

/// <summary>An operator's rule: when <see cref="Trigger"/> and <see cref="Pattern"/> match, answer <see cref="Reply"/>.</summary>
public sealed record AutoReplyRule
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public required RuleTrigger Trigger { get; init; }
    public string? Pattern { get; init; }

    /// <summary>Higher goes first; among equals, the older rule.</summary>
    public int Priority { get; init; }
    public bool Enabled { get; init; } = true;
    public required Reply Reply { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
