using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portal.Core.Coordination;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>
/// Pushes while a dependency is gone: with Redis killed every push still gets its answer (the store refuses
/// at once instead of each push waiting out the client's timeouts), and with the database gone the log holds
/// a line when the outage starts and one when it ends, not a line (or a stack) per message.
/// </summary>
public sealed class WebhookDuringOutageTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private readonly CapturedLogs _logs = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _database.DisposeAsync();
    }

    private PortalAppFactory App()
    {
        var app = new PortalAppFactory();
        app.Settings["Database:Provider"] = "PostgreSql";
        app.Settings["ConnectionStrings:Portal"] = _database.ConnectionString;
        app.TestServices.Add(s => s.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Information)));
        return app;
    }

    private List<string> Lines(string text) => _logs.Lines.Where(l => !l.StartsWith("  ", StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task While_Redis_is_killed_pushes_are_answered_and_the_store_refuses_without_waiting_then_claims_work_again()
    {
        await using var redis = await OwnRedisServer.StartAsync();
        var handler = new CountingHandler(TimeSpan.Zero);
        await using var app = App();
        app.Settings["Redis:Configuration"] = redis.Configuration;
        app.Settings["Redis:KeyPrefix"] = TestServers.UniqueName("outage") + ":";
        handler.InstallIn(app);
        var push = WeChatPush.For(app);
        var openId = InboundXml.NewOpenId();
        using (var first = await push.PostAsync(InboundXml.Text(openId, "before the outage")))
            Assert.Contains("answer from run 1", await first.Content.ReadAsStringAsync());

        await redis.KillAsync();
        const int pushes = 12;
        for (var i = 0; i < pushes; i++)
        {
            using var during = await push.PostAsync(InboundXml.Text(openId, $"during the outage {i}"));
            // Answered or refused for WeChat to retry: which one depends on what the database can vouch for.
            Assert.True(during.StatusCode is HttpStatusCode.OK or HttpStatusCode.InternalServerError, $"push {i}: {during.StatusCode}");
        }

        var circuit = app.Services.GetRequiredService<RedisConnection>().Circuit;
        Assert.True(circuit.Opened >= 1);
        Assert.True(circuit.Refused > 0, "the open circuit should refuse commands without sending them");
        Assert.Single(Lines("Redis failing"));
        Assert.Empty(Lines("Could not handle")); // no stack per push

        await redis.RestartAsync();
        var after = InboundXml.Text(openId, "after the outage");
        string? reply = null;
        // The multiplexer reconnects at its own pace and the circuit lets a probe through after its pause.
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await push.PostAsync(after);
            if (response.StatusCode == HttpStatusCode.OK && !circuit.IsOpen)
                reply = await response.Content.ReadAsStringAsync();
            return reply is not null;
        });
        Assert.NotNull(reply);
        Assert.Contains("answer from run", reply);
        var runs = handler.Runs;

        // Claims work again: WeChat's retry of that message gets the same reply and runs nothing.
        using var retry = await push.PostAsync(after);
        Assert.Equal(reply, await retry.Content.ReadAsStringAsync());
        Assert.Equal(runs, handler.Runs);
        var ended = Assert.Single(Lines("Redis works again"));
        Assert.Matches(@"\d+ operations failed", ended);
    }

    [Fact]
    public async Task While_the_database_is_gone_pushes_are_refused_for_a_retry_and_logged_once_not_per_message()
    {
        await using var app = App();
        var push = WeChatPush.For(app);
        using (var first = await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), "before")))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        await using var outage = new PostgresOutage(_database.ConnectionString);
        await outage.BeginAsync();
        const int pushes = 20;
        for (var i = 0; i < pushes; i++)
        {
            using var during = await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), $"during {i}"));
            Assert.Equal(HttpStatusCode.InternalServerError, during.StatusCode); // WeChat retries it
        }
        Assert.Empty(Lines("Could not handle")); // no stack per push
        Assert.Single(Lines("Webhook pushes (database or Redis unreachable) failing"));
        Assert.True(Lines("Portal.Outages").Count < pushes, "the outage lines must not grow with the pushes");
        await outage.EndAsync();

        var attempt = 0;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var response = await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), $"after {attempt++}"));
            return response.StatusCode == HttpStatusCode.OK;
        }));
        var ended = Assert.Single(Lines("Webhook pushes (database or Redis unreachable) works again"));
        Assert.Matches(@"(2\d|[3-9]\d|\d{3,}) operations failed", ended); // at least the 20 pushes
    }
}
