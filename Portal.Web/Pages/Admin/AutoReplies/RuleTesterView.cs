using Portal.Core.AutoReplies;

namespace Portal.Web.Pages.Admin.AutoReplies;

/// <summary>What the rule tester partial shows: the inputs, the answer, and which handler its button posts to (null: the form's own).</summary>
public sealed record RuleTesterView(RuleTestKind Kind, string? Value, RuleTestResult? Result, string? FormHandler = null);
