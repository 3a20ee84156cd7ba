using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.AutoReplies;
using Portal.Core.Logging;
using Portal.Core.Messaging;
using Portal.Core.Operators;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoReplies;

/// <summary>Rule changes with their audit entries and the reordering, on both databases.</summary>
public abstract class AutoReplyRuleEditorTests(TestDatabase database)
{
    private readonly AutoReplyRuleStore _store = new(database.Factory, TimeProvider.System);
    private readonly AuditLog _audit = new(database.Factory, TimeProvider.System);
    private readonly AuditActor _actor = new(42, "tester");

    private AutoReplyRuleCache Cache => new(_store, Options.Create(new MessagingOptions()), TimeProvider.System, new DependencyOutages(NullLoggerFactory.Instance, TimeProvider.System));

    [Fact]
    public async Task Changes_are_stored_audited_and_reach_the_cache_at_once()
    {
        var cache = Cache;
        var editor = new AutoReplyRuleEditor(database.Factory, _store, cache, _audit);
        var keyword = "kw" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null((await cache.GetAsync(TestAccounts.DefaultId)).MatchText(keyword));

        var rule = await editor.CreateAsync(_actor, TestAccounts.DefaultId, new AutoReplyRule { Name = "news", Trigger = RuleTrigger.Exact, Pattern = keyword,
            Reply = new NewsReply([new NewsArticle("标题", "d", "https://p.example/1.jpg", "https://x.example/1")]) });
        Assert.Equal(rule.Id, (await cache.GetAsync(TestAccounts.DefaultId)).MatchText(keyword)!.Id);

        Assert.True(await editor.UpdateAsync(_actor, TestAccounts.DefaultId, rule with { Reply = new TextReply("plain now") }));
        Assert.True(await editor.SetEnabledAsync(_actor, TestAccounts.DefaultId, rule.Id, false));
        Assert.Null((await cache.GetAsync(TestAccounts.DefaultId)).MatchText(keyword));
        Assert.True(await editor.DeleteAsync(_actor, TestAccounts.DefaultId, rule.Id));
        Assert.False(await editor.DeleteAsync(_actor, TestAccounts.DefaultId, rule.Id));

        var entries = (await _audit.ListAsync(new AuditQuery { EntityType = AutoReplyRuleEditor.EntityType, OperatorId = 42 }))
            .Where(e => e.EntityId == rule.Id.ToString()).Reverse().ToList();
        Assert.Equal(["create", "update", "disable", "delete"], entries.Select(e => e.Action));
        var update = entries[1];
        Assert.Equal("news", JsonDocument.Parse(update.BeforeJson!).RootElement.GetProperty("reply").GetProperty("type").GetString());
        Assert.Equal("plain now", JsonDocument.Parse(update.AfterJson!).RootElement.GetProperty("reply").GetProperty("content").GetString());
        Assert.Contains("标题", update.BeforeJson);
        Assert.Null(entries[3].AfterJson);
    }

    [Fact]
    public async Task A_change_whose_audit_entry_cannot_be_written_does_not_happen()
    {
        var editor = new AutoReplyRuleEditor(database.Factory, _store, Cache, _audit);
        var rule = await editor.CreateAsync(_actor, TestAccounts.DefaultId, new AutoReplyRule { Name = "kept", Trigger = RuleTrigger.Exact, Pattern = "kept-" + Guid.NewGuid().ToString("N"), Reply = new TextReply("v1") });
        async Task Sql(string sql)
        {
            await using var connection = await database.Factory.OpenAsync();
            await Dapper.SqlMapper.ExecuteAsync(connection, sql);
        }

        await Sql("ALTER TABLE audit_log RENAME TO audit_log_away");
        try
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => editor.UpdateAsync(_actor, TestAccounts.DefaultId, rule with { Reply = new TextReply("v2") }));
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => editor.DeleteAsync(_actor, TestAccounts.DefaultId, rule.Id));
        }
        finally
        {
            await Sql("ALTER TABLE audit_log_away RENAME TO audit_log");
        }
        var stored = await _store.GetAsync(TestAccounts.DefaultId, rule.Id);
        Assert.Equal("v1", ((TextReply)stored!.Reply).Content);
    }

    [Fact]
    public async Task A_deleted_rules_id_is_never_given_to_a_new_rule()
    {
        // The audit trail names rules by id; a reused id would mix two rules' histories.
        var rule = await _store.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "gone", Trigger = RuleTrigger.Default, Reply = new TextReply("x") });
        await _store.DeleteAsync(TestAccounts.DefaultId, rule.Id);
        var next = await _store.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "new", Trigger = RuleTrigger.Default, Reply = new TextReply("y") });
        Assert.True(next.Id > rule.Id);
        await _store.DeleteAsync(TestAccounts.DefaultId, next.Id);
    }

    [Fact]
    public async Task Moving_renumbers_the_list_so_a_move_between_equal_priorities_takes_effect()
    {
        foreach (var r in await _store.ListAsync(TestAccounts.DefaultId))
            await _store.DeleteAsync(TestAccounts.DefaultId, r.Id);
        var editor = new AutoReplyRuleEditor(database.Factory, _store, Cache, _audit);
        var names = new[] { "a", "b", "c" };
        foreach (var name in names)
            await editor.CreateAsync(_actor, TestAccounts.DefaultId, new AutoReplyRule { Name = name, Trigger = RuleTrigger.Contains, Pattern = "move-" + name, Reply = new TextReply(name) });

        var c = (await _store.ListAsync(TestAccounts.DefaultId)).Single(r => r.Name == "c");
        Assert.True(await editor.MoveAsync(_actor, TestAccounts.DefaultId, c.Id, up: true));
        Assert.Equal(["a", "c", "b"], (await _store.ListAsync(TestAccounts.DefaultId)).Select(r => r.Name));
        Assert.True(await editor.MoveAsync(_actor, TestAccounts.DefaultId, c.Id, up: true));
        Assert.Equal(["c", "a", "b"], (await _store.ListAsync(TestAccounts.DefaultId)).Select(r => r.Name));
        Assert.False(await editor.MoveAsync(_actor, TestAccounts.DefaultId, c.Id, up: true));
        Assert.Equal([30, 20, 10], (await _store.ListAsync(TestAccounts.DefaultId)).Select(r => r.Priority));
    }
}

public sealed class SqliteAutoReplyRuleEditorTests(SqliteTestDatabase database) : AutoReplyRuleEditorTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresAutoReplyRuleEditorTests(PostgresTestDatabase database) : AutoReplyRuleEditorTests(database), IClassFixture<PostgresTestDatabase>;
