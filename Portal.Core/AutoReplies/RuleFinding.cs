namespace Portal.Core.AutoReplies;

/// <summary>
/// Something about a rule the operator should know. <see cref="NeverAnswers"/> when another rule always
/// answers first (or the rule cannot run); otherwise a note about how followers will see its reply.
/// </summary>
public sealed record RuleFinding(long RuleId, string Message, bool NeverAnswers = true);
