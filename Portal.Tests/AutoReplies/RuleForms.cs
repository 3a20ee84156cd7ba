namespace Portal.Tests.AutoReplies;

/// <summary>The fields the rule form posts.</summary>
public static class RuleForms
{
    public static Dictionary<string, string> Text(string name, string trigger, string? pattern, string content, int priority = 0) => new()
    {
        ["Draft.Name"] = name,
        ["Draft.Trigger"] = trigger,
        ["Draft.Pattern"] = pattern ?? "",
        ["Draft.Priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Draft.Enabled"] = "true",
        ["Draft.ReplyType"] = "text",
        ["Draft.Content"] = content,
    };

    public static Dictionary<string, string> WithTest(this Dictionary<string, string> form, string kind, string value) =>
        new(form) { ["TestKind"] = kind, ["TestValue"] = value };
}
