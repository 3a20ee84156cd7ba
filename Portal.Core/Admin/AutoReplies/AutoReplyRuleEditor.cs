using System.Text.Json;
using Portal.Core.Audit;
using Portal.Core.Messaging;
using Portal.Core.Messaging.AutoReplies;

namespace Portal.Core.Admin.AutoReplies;

/// <summary>
/// Every change an operator makes to the auto-reply rules: stored, written to the audit trail, and the
/// local rule cache dropped so this instance answers with the change at once (the others re-read within
/// Messaging:RulesRefreshInterval).
/// </summary>
public sealed class AutoReplyRuleEditor(AutoReplyRuleStore store, AutoReplyRuleCache cache, AuditLog audit)
{
    public const string EntityType = "auto_reply_rule";

    /// <summary>Priorities are spaced by this much when the list is reordered, leaving room to slot a rule in by hand.</summary>
    public const int PriorityStep = 10;

    public async Task<AutoReplyRule> CreateAsync(AuditActor actor, AutoReplyRule rule, CancellationToken ct = default)
    {
        var saved = await store.AddAsync(rule, ct).ConfigureAwait(false);
        await ChangedAsync(actor, saved.Id, "create", null, saved, ct).ConfigureAwait(false);
        return saved;
    }

    /// <summary>False when the rule no longer exists.</summary>
    public async Task<bool> UpdateAsync(AuditActor actor, AutoReplyRule rule, CancellationToken ct = default)
    {
        var before = await store.GetAsync(rule.Id, ct).ConfigureAwait(false);
        if (before is null || !await store.UpdateAsync(rule, ct).ConfigureAwait(false))
            return false;
        await ChangedAsync(actor, rule.Id, "update", before, await store.GetAsync(rule.Id, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> SetEnabledAsync(AuditActor actor, long id, bool enabled, CancellationToken ct = default)
    {
        var before = await store.GetAsync(id, ct).ConfigureAwait(false);
        if (before is null)
            return false;
        if (before.Enabled == enabled)
            return true;
        var after = before with { Enabled = enabled };
        if (!await store.UpdateAsync(after, ct).ConfigureAwait(false))
            return false;
        await ChangedAsync(actor, id, enabled ? "enable" : "disable", before, after, ct).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAsync(AuditActor actor, long id, CancellationToken ct = default)
    {
        var before = await store.GetAsync(id, ct).ConfigureAwait(false);
        if (before is null || !await store.DeleteAsync(id, ct).ConfigureAwait(false))
            return false;
        await ChangedAsync(actor, id, "delete", before, null, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Moves a rule one place up or down the list (the order the message server tries them). The list is
    /// renumbered with evenly spaced priorities, because swapping two equal priorities would change nothing.
    /// False when the rule is missing or already at that end.
    /// </summary>
    public async Task<bool> MoveAsync(AuditActor actor, long id, bool up, CancellationToken ct = default)
    {
        var rules = (await store.ListAsync(ct).ConfigureAwait(false)).ToList();
        var index = rules.FindIndex(r => r.Id == id);
        var target = up ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= rules.Count)
            return false;
        var moved = rules[index];
        (rules[index], rules[target]) = (rules[target], rules[index]);
        var priorities = rules.Select((r, i) => (r.Id, Priority: (rules.Count - i) * PriorityStep)).ToList();
        await store.SetPrioritiesAsync(priorities.Where(p => rules.First(r => r.Id == p.Id).Priority != p.Priority).ToList(), ct).ConfigureAwait(false);
        var newPriority = priorities.First(p => p.Id == id).Priority;
        await ChangedAsync(actor, id, up ? "move up" : "move down",
            new { moved.Priority, Position = index + 1 },
            new { Priority = newPriority, Position = target + 1 }, ct).ConfigureAwait(false);
        return true;
    }

    private async Task ChangedAsync(AuditActor actor, long id, string action, object? before, object? after, CancellationToken ct)
    {
        cache.Invalidate();
        await audit.RecordAsync(actor, EntityType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), action,
            before is AutoReplyRule b ? Snapshot(b) : before,
            after is AutoReplyRule a ? Snapshot(a) : after, ct).ConfigureAwait(false);
    }

    /// <summary>A rule as the audit trail keeps it: the reply in its stored JSON form, not as a .NET type.</summary>
    public static object Snapshot(AutoReplyRule rule) => new
    {
        rule.Name,
        Trigger = RuleTriggers.Key(rule.Trigger),
        rule.Pattern,
        rule.Priority,
        rule.Enabled,
        Reply = JsonDocument.Parse(ReplyJson.Serialize(rule.Reply)).RootElement,
    };
}
