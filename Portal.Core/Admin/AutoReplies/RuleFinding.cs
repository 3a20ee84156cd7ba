namespace Portal.Core.Admin.AutoReplies;

/// <summary>Something about a rule the operator should know: it never answers, or it hides others.</summary>
public sealed record RuleFinding(long RuleId, string Message);
