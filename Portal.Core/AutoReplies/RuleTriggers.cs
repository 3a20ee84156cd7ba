
namespace Portal.Core.AutoReplies;

/// <summary>Names and explanations of triggers as the admin pages show them.</summary>
public static class RuleTriggers
{
    public static readonly IReadOnlyList<RuleTrigger> All = Enum.GetValues<RuleTrigger>();

    public static string Key(RuleTrigger trigger) => trigger.ToString().ToLowerInvariant();

    public static bool TryParse(string? key, out RuleTrigger trigger) =>
        Enum.TryParse(key, ignoreCase: true, out trigger) && Enum.IsDefined(trigger);

    public static string Label(RuleTrigger trigger) => trigger switch
    {
        RuleTrigger.Exact => "Message is exactly",
        RuleTrigger.Contains => "Message contains",
        RuleTrigger.Regex => "Message matches pattern",
        RuleTrigger.Follow => "Follow greeting",
        RuleTrigger.Click => "Menu button key",
        _ => "Default reply",
    };

    public static string PatternLabel(RuleTrigger trigger) => trigger switch
    {
        RuleTrigger.Exact => "Text (case and surrounding spaces are ignored)",
        RuleTrigger.Contains => "Text to look for (case is ignored)",
        RuleTrigger.Regex => ".NET regular expression (case is ignored)",
        RuleTrigger.Follow => "QR scene (leave empty for everyone else)",
        RuleTrigger.Click => "Button key",
        _ => "(not used)",
    };

    /// <summary>How a rule's pattern reads in a sentence: “hours”, a plain follow, key MENU_1.</summary>
    public static string DescribePattern(AutoReplyRule rule) => rule.Trigger switch
    {
        RuleTrigger.Follow => string.IsNullOrEmpty(rule.Pattern) ? "any follow" : $"scene “{rule.Pattern}”",
        RuleTrigger.Click => $"key “{rule.Pattern}”",
        RuleTrigger.Default => "anything unanswered",
        RuleTrigger.Regex => $"/{rule.Pattern}/",
        _ => $"“{rule.Pattern}”",
    };
}
