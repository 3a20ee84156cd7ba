using System.Data.Common;
using System.Text.Json;
using Portal.Core.Data;
using Portal.Core.Messaging;
using Portal.Core.Operators;

namespace Portal.Core.AutoReplies;

/// <summary>
/// Every change an operator makes to the auto-reply rules: stored together with its audit entry in one
/// transaction, then the local rule cache dropped so this instance answers with the change at once (the
/// others re-read within Messaging:RulesRefreshInterval).
/// </summary>
public sealed class AutoReplyRuleEditor(DbConnectionFactory db, AutoReplyRuleStore store, AutoReplyRuleCache cache, AuditLog audit)
{
    public const string EntityType = "auto_reply_rule";

    /// <summary>Priorities are spaced by this much when the list is reordered, leaving room to slot a rule in by hand.</summary>
    public const int PriorityStep = 10;

    public Task<AutoReplyRule> CreateAsync(AuditActor actor, int accountId, AutoReplyRule rule, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var saved = await store.AddAsync(tx, accountId, rule, ct).ConfigureAwait(false);
            await RecordAsync(tx, actor.On(accountId), saved.Id, "create", null, saved, ct).ConfigureAwait(false);
            return saved;
        }, ct);

    /// <summary>False when the rule no longer exists.</summary>
    public Task<bool> UpdateAsync(AuditActor actor, int accountId, AutoReplyRule rule, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = await store.GetAsync(tx, accountId, rule.Id, ct).ConfigureAwait(false);
            if (before is null || !await store.UpdateAsync(tx, accountId, rule, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), rule.Id, "update", before, await store.GetAsync(tx, accountId, rule.Id, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<bool> SetEnabledAsync(AuditActor actor, int accountId, long id, bool enabled, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = await store.GetAsync(tx, accountId, id, ct).ConfigureAwait(false);
            if (before is null)
                return false;
            if (before.Enabled == enabled)
                return true;
            var after = before with { Enabled = enabled };
            if (!await store.UpdateAsync(tx, accountId, after, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), id, enabled ? "enable" : "disable", before, after, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<bool> DeleteAsync(AuditActor actor, int accountId, long id, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var before = await store.GetAsync(tx, accountId, id, ct).ConfigureAwait(false);
            if (before is null || !await store.DeleteAsync(tx, accountId, id, ct).ConfigureAwait(false))
                return false;
            await RecordAsync(tx, actor.On(accountId), id, "delete", before, null, ct).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Moves a rule one place up or down the list (the order the message server tries them). The list is
    /// renumbered with evenly spaced priorities, because swapping two equal priorities would change nothing.
    /// False when the rule is missing or already at that end.
    /// </summary>
    public Task<bool> MoveAsync(AuditActor actor, int accountId, long id, bool up, CancellationToken ct = default) =>
        ChangeAsync(accountId, async tx =>
        {
            var rules = (await store.ListAsync(tx, accountId, ct).ConfigureAwait(false)).ToList();
            var index = rules.FindIndex(r => r.Id == id);
            var target = up ? index - 1 : index + 1;
            if (index < 0 || target < 0 || target >= rules.Count)
                return false;
            var moved = rules[index];
            (rules[index], rules[target]) = (rules[target], rules[index]);
            var changed = rules.Select((r, i) => (r.Id, Old: r.Priority, New: (rules.Count - i) * PriorityStep)).Where(p => p.Old != p.New).ToList();
            await store.SetPrioritiesAsync(tx, accountId, changed.Select(p => (p.Id, p.New)).ToList(), ct).ConfigureAwait(false);
            await RecordAsync(tx, actor.On(accountId), id, up ? "move up" : "move down",
                new { moved.Priority, Position = index + 1 },
                new { Priority = (rules.Count - target) * PriorityStep, Position = target + 1 }, ct).ConfigureAwait(false);
            return true;
        }, ct);

    private async Task<T> ChangeAsync<T>(int accountId, Func<DbTransaction, Task<T>> change, CancellationToken ct)
    {
        T result;
        await using (var connection = await db.OpenAsync(ct).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            result = await change(transaction).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        cache.Invalidate(accountId);
        return result;
    }

    private Task RecordAsync(DbTransaction tx, AuditActor actor, long id, string action, object? before, object? after, CancellationToken ct) =>
        audit.RecordAsync(tx, actor, EntityType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), action,
            before is AutoReplyRule b ? Snapshot(b) : before,
            after is AutoReplyRule a ? Snapshot(a) : after, ct);

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
