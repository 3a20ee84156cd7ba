using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Portal.Core.AutoReplies;
using Portal.Core.Logging;
using Portal.Core.Messaging;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoReplies;

/// <summary>
/// The rule cache while its PostgreSQL database is gone: it keeps answering with the rules it has, and the
/// failing refreshes are one line when they start and one when a refresh works again, where each message
/// used to add a warning with its stack.
/// </summary>
public sealed class AutoReplyRuleCacheOutageTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Refreshes_failing_for_every_message_are_logged_once_and_the_rules_stay_in_use()
    {
        var store = new AutoReplyRuleStore(_database.Factory, _clock);
        await store.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "hours", Trigger = RuleTrigger.Exact, Pattern = "hours", Reply = new TextReply("We open 9:00–18:00.") });
        var options = new MessagingOptions();
        var outages = new DependencyOutages(LoggerFactory.Create(b => b.AddProvider(_logs)), _clock);
        var cache = new AutoReplyRuleCache(store, Options.Create(options), _clock, outages);
        var rules = await cache.GetAsync(TestAccounts.DefaultId);

        await using var outage = new PostgresOutage(_database.ConnectionString);
        await outage.BeginAsync();
        const int messages = 15;
        for (var i = 1; i <= messages; i++)
        {
            // Each message comes after the refresh interval, so each one starts a refresh that fails.
            _clock.Advance(options.RulesRefreshInterval + TimeSpan.FromMilliseconds(1));
            Assert.Same(rules, await cache.GetAsync(TestAccounts.DefaultId));
            await RefreshFailuresReachAsync(outages, i);
        }
        await outage.EndAsync();
        // Messages go on; one of the next refreshes works (the first may still meet a connection closed in the outage).
        await Eventually.HoldsAsync(() => _logs.Lines.Any(l => l.Contains("works again after", StringComparison.Ordinal)), between: async () =>
        {
            _clock.Advance(options.RulesRefreshInterval + TimeSpan.FromMilliseconds(1));
            await cache.GetAsync(TestAccounts.DefaultId);
        });

        var lines = _logs.Lines.Where(l => l.Contains("auto-reply rules", StringComparison.Ordinal) && !l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Error", lines[0]);
        Assert.Matches($"{messages}|{messages + 1}|{messages + 2} operations failed", lines[1]);
    }

    // The refresh runs in the background; the next message may start one only after this one has finished.
    private static async Task RefreshFailuresReachAsync(DependencyOutages outages, int count)
    {
        var outage = outages.For(DependencyOutages.AutoReplyRules);
        await Eventually.HoldsAsync(() => outage.Failures >= count);
        Assert.Equal(count, outage.Failures);
    }
}
