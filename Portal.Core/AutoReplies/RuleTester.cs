
namespace Portal.Core.AutoReplies;

/// <summary>
/// Answers "what would a follower get?" by running the message server's own matching
/// (<see cref="AutoReplyRuleSet"/>, the same calls its handlers make) over the saved rules, with the rule
/// being edited in place of its saved version, before anything is saved.
/// </summary>
public static class RuleTester
{
    /// <summary>The id an unsaved new rule takes: it sorts after every saved rule of the same priority, as it will once saved.</summary>
    public const long UnsavedId = long.MaxValue;

    /// <summary>The saved rules as they would be with <paramref name="editing"/> saved (a new rule takes <see cref="UnsavedId"/>).</summary>
    public static List<AutoReplyRule> WithEditing(IEnumerable<AutoReplyRule> saved, AutoReplyRule? editing)
    {
        var rules = saved.ToList();
        if (editing is not null)
        {
            var id = editing.Id == 0 ? UnsavedId : editing.Id;
            rules.RemoveAll(r => r.Id == id);
            rules.Add(editing with { Id = id });
        }
        return rules;
    }

    public static RuleTestResult Run(IEnumerable<AutoReplyRule> saved, AutoReplyRule? editing, RuleTest test)
    {
        var set = new AutoReplyRuleSet(WithEditing(saved, editing));
        var value = test.Value ?? "";
        switch (test.Kind)
        {
            case RuleTestKind.Text:
                // As AutoReplyHandler: the first matching keyword rule, else the default reply.
                var matched = set.MatchText(value);
                if (matched is not null)
                    return new(matched, $"“{matched.Name}” answers: the message {MatchWords(matched)}.");
                return set.Default is { } fallback
                    ? new(fallback, $"No keyword rule matches, so the default reply “{fallback.Name}” answers.")
                    : new(null, "No rule matches and there is no default reply, so the follower gets no answer.");
            case RuleTestKind.Follow:
                // As FollowHandler: the scene's greeting, else the plain one.
                var scene = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
                var greeting = set.ForFollow(scene);
                if (greeting is null)
                    return new(null, "There is no follow greeting, so a new follower gets no message.");
                return new(greeting, scene is not null && greeting.Pattern == scene
                    ? $"“{greeting.Name}” greets followers who come through scene “{scene}”."
                    : $"“{greeting.Name}” greets {(scene is null ? "a plain follow" : $"this follower: scene “{scene}” has no greeting of its own")}.");
            case RuleTestKind.Scan:
                // As ScanHandler: only the scene's own greeting, never the plain one.
                var scan = set.ForScene(value.Trim());
                return scan is null
                    ? new(null, $"Scene “{value.Trim()}” has no greeting of its own, so a follower who scans it again gets no message.")
                    : new(scan, $"“{scan.Name}” answers a follower who scans scene “{value.Trim()}” again.");
            default:
                // As MenuClickHandler.
                var click = set.ForClick(value.Trim());
                return click is null
                    ? new(null, $"No rule answers menu key “{value.Trim()}”, so the tap gets no message.")
                    : new(click, $"“{click.Name}” answers menu key “{value.Trim()}”.");
        }
    }

    private static string MatchWords(AutoReplyRule rule) => rule.Trigger switch
    {
        RuleTrigger.Exact => $"is exactly {RuleTriggers.DescribePattern(rule)}",
        RuleTrigger.Contains => $"contains {RuleTriggers.DescribePattern(rule)}",
        _ => $"matches the pattern {RuleTriggers.DescribePattern(rule)}",
    };
}

/// <summary>The rule that answers a test (null: none) and why, in a sentence.</summary>
public sealed record RuleTestResult(AutoReplyRule? Rule, string Explanation)
{
    public bool IsUnsaved => Rule?.Id == RuleTester.UnsavedId;
}
