using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Dashboard;
using Portal.Core.Messaging;
using Portal.Core.Operators;
using Portal.Core.Outbox;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;
using Portal.Sandbox.Dev;
using Portal.Tests.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Outbox;

/// <summary>
/// A failing delivery is tried for as long as it could still arrive, then given up once, loudly: an error
/// line, the dashboard, /healthz and the outbox page, where an editor (not a viewer) may retry it.
/// </summary>
public abstract class OutboxDeadlineTests : IAsyncLifetime
{
    private const string CustomSend = "cgi-bin/message/custom/send";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();
    private PortalAppFactory _app = null!;
    private OutboxClock _clock = null!;

    protected abstract Task<PortalAppFactory> CreateAppAsync();

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _app = await CreateAppAsync();
        _app.WithClock(_time);
        // Few calls per attempt: the outbox's own pauses are what is tested, not the HTTP client's.
        _app.Settings["WeChat:ApiRetries"] = "1";
        _app.Settings["Outbox:MaxRetryDelay"] = "00:30:00";
        _app.TestServices.Add(s => s.AddLogging(b => b.AddProvider(_logs)));
        _clock = new OutboxClock(_app, _time, _logs);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await DisposeDatabaseAsync();
    }

    private SandboxDev Dev => new(_app);

    private SandboxInbox Inbox => _app.Services.GetRequiredService<SandboxInbox>();

    private async Task<string> QueueLateReplyAsync(string openId, string text)
    {
        var key = $"{PortalAppFactory.AppId}:{openId}:{InboundXml.NextMsgId()}";
        var late = new LateReply(PortalAppFactory.AppId, InboundXml.Text(openId, "question"), ReplyJson.Serialize(new TextReply(text)));
        await _clock.Outbox.EnqueueAsync(LateReply.OutboxKind, key, openId, OutboxStatus.Ready, late.ToJson());
        return key;
    }

    private async Task<JsonElement> HealthAsync()
    {
        using var response = await _app.CreateClient().GetAsync("/healthz");
        // Failed rows are shared work, not this instance's fault: a balancer must keep sending it traffic.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task A_late_reply_whose_platform_is_unreachable_for_hours_is_delivered_once_when_it_comes_back()
    {
        var openId = _app.FollowerWhoJustWrote();
        await Dev.FailNextAsync(CustomSend, 100_000, SandboxFault.Unavailable);
        var key = await QueueLateReplyAsync(openId, "sorry for the wait");

        var waiting = await _clock.AttemptUntilAsync(key, _time.GetUtcNow() + TimeSpan.FromHours(6));

        Assert.Equal(OutboxStatus.Ready, waiting.Status);
        Assert.True(waiting.Attempts > 8, $"Tried {waiting.Attempts} times in six hours, no more than the old limit of 8.");
        Assert.Empty(Inbox.For(openId));

        await Dev.FailNextAsync(CustomSend, 0, SandboxFault.Unavailable);
        var sent = await _clock.AttemptUntilAsync(key, _time.GetUtcNow() + TimeSpan.FromHours(1));

        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal("sorry for the wait", Assert.Single(Inbox.For(openId)).Message.GetProperty("content").GetString());
        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Equal("Healthy", (await HealthAsync()).GetProperty("checks").GetProperty("outbox").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_reply_still_failing_when_its_window_closes_ends_failed_loudly_until_an_operator_marks_it_seen()
    {
        var openId = _app.FollowerWhoJustWrote();
        await Dev.FailNextAsync(CustomSend, 100_000, SandboxFault.Unavailable);
        var key = await QueueLateReplyAsync(openId, "never arrives");

        var failed = await _clock.AttemptUntilAsync(key, _time.GetUtcNow() + TimeSpan.FromHours(50));

        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("48-hour window", failed.LastError);
        Assert.Empty(Inbox.For(openId));
        // One error line for the row, with no stack trace; the retries before it were not errors.
        var error = Assert.Single(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.Contains(key, error);
        Assert.DoesNotContain(" at Portal.", error);

        var health = await HealthAsync();
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains("1 failed deliveries", health.GetProperty("checks").GetProperty("outbox").GetProperty("description").GetString());

        using var editor = await AdminBrowser.SignedInAsync(_app, OperatorRole.Editor);
        var dashboard = await editor.GetPageAsync("/admin");
        Assert.Contains("data-testid=\"outbox-failed\">1<", dashboard);
        Assert.Contains("href=\"/admin/outbox\"", dashboard);
        var list = await editor.GetPageAsync("/admin/outbox");
        Assert.Contains($"data-outbox=\"{key}\"", list);
        Assert.Contains("48-hour window", list);

        // Too late to retry: WeChat would refuse it, and the page says so.
        using (var retry = await editor.PostFormAsync("/admin/outbox", "/admin/outbox?handler=Retry", new() { ["id"] = failed.Id.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Contains("Too late to retry", await editor.GetPageAsync("/admin/outbox"));
        Assert.Equal(OutboxStatus.Failed, (await _clock.Outbox.GetAsync(key))!.Status);

        using (var seen = await editor.PostFormAsync("/admin/outbox", "/admin/outbox?handler=Dismiss", new() { ["id"] = failed.Id.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, seen.StatusCode);
        Assert.Equal("Healthy", (await HealthAsync()).GetProperty("status").GetString());
        Assert.Contains("data-testid=\"outbox-failed\">0<", await editor.GetPageAsync("/admin"));
        var trail = await _app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = FailedDeliveries.EntityType });
        Assert.Equal(["dismiss"], trail.Where(e => e.EntityId == failed.Id.ToString()).Select(e => e.Action));
    }

    [Fact]
    public async Task An_editors_retry_delivers_a_failed_reply_once_and_a_viewer_cannot_retry()
    {
        var openId = _app.FollowerWhoJustWrote();
        await Dev.CloseWindowAsync(openId);
        var followers = _app.Services.GetRequiredService<SandboxFollowers>();
        var key = await QueueLateReplyAsync(openId, "here is your answer");
        var failed = await _clock.AttemptUntilAsync(key, _time.GetUtcNow() + TimeSpan.FromMinutes(1));
        Assert.StartsWith("45015", failed.LastError);
        // The follower writes again, so the platform takes customer-service messages for them once more.
        followers.Interacted(followers.Find(openId)!);

        using var viewer = await AdminBrowser.SignedInAsync(_app, OperatorRole.Viewer);
        var seenByViewer = await viewer.GetPageAsync("/admin/outbox");
        Assert.Contains($"data-outbox=\"{key}\"", seenByViewer);
        Assert.DoesNotContain("handler=Retry", seenByViewer);
        using (var refused = await viewer.PostFormAsync("/admin/outbox", "/admin/outbox?handler=Retry", new() { ["id"] = failed.Id.ToString() }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(OutboxStatus.Failed, (await _clock.Outbox.GetAsync(key))!.Status);

        using var editor = await AdminBrowser.SignedInAsync(_app, OperatorRole.Editor);
        using (var retry = await editor.PostFormAsync("/admin/outbox", "/admin/outbox?handler=Retry", new() { ["id"] = failed.Id.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var sent = await _clock.WaitForAsync(key, r => r.Status != OutboxStatus.Ready);

        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal("here is your answer", Assert.Single(Inbox.For(openId)).Message.GetProperty("content").GetString());
        var trail = await _app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = FailedDeliveries.EntityType });
        var entry = Assert.Single(trail, e => e.EntityId == failed.Id.ToString());
        Assert.Equal("retry", entry.Action);
        Assert.DoesNotContain($"data-outbox=\"{key}\"", await editor.GetPageAsync("/admin/outbox"));
    }
}

public sealed class SqliteOutboxDeadlineTests : OutboxDeadlineTests
{
    protected override Task<PortalAppFactory> CreateAppAsync() => Task.FromResult(new PortalAppFactory());
}

public sealed class PostgresOutboxDeadlineTests : OutboxDeadlineTests
{
    private readonly SharedStateInstances _shared = new();

    protected override async Task<PortalAppFactory> CreateAppAsync()
    {
        await _shared.InitializeAsync();
        return _shared.Instance(redis: false);
    }

    protected override Task DisposeDatabaseAsync() => _shared.DisposeAsync();
}
