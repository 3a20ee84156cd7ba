using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Coordination;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;
using StackExchange.Redis;

namespace Portal.Tests.Messaging;

/// <summary>
/// Faults that used to lose a message or run it twice: Redis forgetting what was handled, an instance dying
/// with a message in hand, a retry reaching an instance while another still works on it. Two instances share
/// PostgreSQL and Redis; what Redis "forgets" is its keys, removed as a restart would remove them.
/// </summary>
public sealed class ExactlyOnceAfterFaultsTests : IAsyncLifetime
{
    private readonly SharedStateInstances _shared = new();
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        await _shared.InitializeAsync();
        _redis = await TestServers.ConnectRedisAsync();
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _shared.DisposeAsync();
    }

    /// <summary>Empties this test's keys, as a Redis restart without persistence empties the server.</summary>
    private async Task ForgetEverythingAsync()
    {
        var server = _redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: _shared.RedisPrefix + "*"))
            await _redis.GetDatabase().KeyDeleteAsync(key);
    }

    private static PortalAppFactory With(CountingHandler handler, PortalAppFactory app)
    {
        handler.InstallIn(app);
        return app;
    }

    private Task HoldAsync(string messageKey, string claim) =>
        _redis.GetDatabase().StringSetAsync(_shared.RedisPrefix + "msg:" + messageKey, claim, TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_retry_after_Redis_forgot_everything_gets_the_same_reply_and_runs_nothing()
    {
        var handler = new CountingHandler(TimeSpan.Zero);
        await using var one = With(handler, _shared.Instance());
        await using var two = With(handler, _shared.Instance());
        var openId = InboundXml.NewOpenId();
        var message = InboundXml.Text(openId, "where is my parcel?");

        using var first = await WeChatPush.For(one).PostAsync(message);
        var reply = await first.Content.ReadAsStringAsync();
        Assert.Contains("answer from run 1", reply);

        await ForgetEverythingAsync();
        using var retry = await WeChatPush.For(two).PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(reply, await retry.Content.ReadAsStringAsync()); // byte for byte, CreateTime included
        Assert.Equal(1, handler.Runs);
        Assert.Single(await one.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(openId));

        // A new message after the restart is handled as usual.
        using var next = await WeChatPush.For(two).PostAsync(InboundXml.Text(openId, "and my other parcel?"));
        Assert.Contains("answer from run 2", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_message_whose_instance_died_holding_it_is_taken_over_by_the_retry()
    {
        var handler = new CountingHandler(TimeSpan.Zero);
        await using var survivor = With(handler, _shared.Instance());
        var openId = InboundXml.NewOpenId();
        var message = InboundXml.Text(openId, "hello?", msgId: 7001);
        // What a killed instance leaves: its claim, and no heartbeat (it stopped beating when it died).
        await HoldAsync($"{PortalAppFactory.AppId}:{openId}:7001", "p:dead-instance-0a0b0c0d:1");

        using var retry = await WeChatPush.For(survivor).PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("answer from run 1", await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, handler.Runs);
    }

    [Fact]
    public async Task A_message_deferred_by_an_instance_that_then_died_is_not_run_again_by_the_retry()
    {
        var handler = new CountingHandler(TimeSpan.Zero);
        await using var survivor = With(handler, _shared.Instance());
        var openId = InboundXml.NewOpenId();
        var message = InboundXml.Text(openId, "slow question", msgId: 7002);
        var key = $"{PortalAppFactory.AppId}:{openId}:7002";
        // The dead instance had answered "success" and written the late reply's outbox row, and died before
        // recording the answer in Redis: the row is the promise, and recovery finishes it.
        await survivor.Services.GetRequiredService<LateReplies>().DeferAsync(survivor.Services.DefaultAccount(), key, openId, new LateReply(PortalAppFactory.AppId, message));
        await HoldAsync(key, "p:dead-instance-0a0b0c0d:2");

        using var retry = await WeChatPush.For(survivor).PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("success", await retry.Content.ReadAsStringAsync());
        Assert.Equal(0, handler.Runs);
        var row = await survivor.Services.GetRequiredService<OutboxStore>().StatusesAsync([key]);
        Assert.Equal(OutboxStatus.AwaitingHandler, row[key].Status);
    }

    [Fact]
    public async Task A_retry_that_finds_a_live_instance_still_working_with_nothing_recorded_asks_WeChat_to_try_again()
    {
        var handler = new CountingHandler(TimeSpan.Zero);
        await using var busy = With(handler, _shared.Instance());
        var waiting = With(handler, _shared.Instance());
        waiting.Settings["Messaging:HandlerDeadline"] = "00:00:00.300";
        await using var _ = waiting;
        var openId = InboundXml.NewOpenId();
        var message = InboundXml.Text(openId, "hello?", msgId: 7003);
        var busyId = busy.Services.GetRequiredService<InstanceIdentity>().Id;
        await busy.Services.GetRequiredService<InstanceHeartbeat>().BeatAsync();
        await HoldAsync($"{PortalAppFactory.AppId}:{openId}:7003", $"p:{busyId}:99");

        using var retry = await WeChatPush.For(waiting).PostAsync(message);

        // Not "success": the busy instance might still fail, and then nobody would answer the follower.
        Assert.Equal(HttpStatusCode.InternalServerError, retry.StatusCode);
        Assert.Equal(0, handler.Runs);
    }
}

/// <summary>The single-machine default: the coordination store lives in the process and dies with it.</summary>
public sealed class ExactlyOnceAfterRestartTests
{
    private static PortalAppFactory With(CountingHandler handler, PortalAppFactory app)
    {
        handler.InstallIn(app);
        return app;
    }

    [Fact]
    public async Task A_retry_after_the_process_restarted_gets_the_same_reply_and_runs_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("restart"));
        try
        {
            var handler = new CountingHandler(TimeSpan.Zero);
            var openId = InboundXml.NewOpenId();
            var message = InboundXml.Text(openId, "where is my parcel?");
            string reply;
            await using (var before = With(handler, new PortalAppFactory()))
            {
                before.Settings["Database:DataFolder"] = folder;
                using var first = await WeChatPush.For(before).PostAsync(message);
                reply = await first.Content.ReadAsStringAsync();
            }

            await using var after = With(handler, new PortalAppFactory());
            after.Settings["Database:DataFolder"] = folder;
            using var retry = await WeChatPush.For(after).PostAsync(message);

            Assert.Contains("answer from run 1", reply);
            Assert.Equal(reply, await retry.Content.ReadAsStringAsync());
            Assert.Equal(1, handler.Runs);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
