using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Core.Followers;
using Portal.Core.Operators;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Followers;

/// <summary>A sync from the sandbox platform, started from the followers page, page by page through the outbox.</summary>
public sealed class FollowerSyncTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static async Task<long> StartSyncAsync(PortalAppFactory app)
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        using var response = await editor.PostFormAsync("/admin/followers", "/admin/followers?handler=Sync", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await app.Services.GetRequiredService<FollowerStore>().LatestSyncAsync(TestAccounts.DefaultId))!.Id;
    }

    private static Task<FollowerSyncRun> FinishedAsync(PortalAppFactory app, long runId) =>
        SyncWorld.WaitForAsync(() => app.Services.GetRequiredService<FollowerStore>().SyncAsync(TestAccounts.DefaultId, runId)!, r => r!.Status == FollowerSyncRun.Finished, "the sync to finish")!;

    private static async Task<(int Followers, int Vip, int Wholesale, int Tags)> CountsAsync(PortalAppFactory app, IReadOnlyList<string> openIds, int vip, int wholesale)
    {
        var db = app.Services.GetRequiredService<DbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        var followers = 0;
        foreach (var chunk in openIds.Chunk(500))
            followers += await connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM followers WHERE openid {db.InList("Ids")} AND subscribed = @Yes AND subscribe_scene = 'ADD_SCENE_SEARCH'", new { Ids = chunk, Yes = true });
        var vipCount = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM follower_tags WHERE tag_id = @Id", new { Id = vip });
        var wholesaleCount = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM follower_tags WHERE tag_id = @Id", new { Id = wholesale });
        var tags = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM tags WHERE name IN ('VIP', 'Wholesale', '星标组')");
        return (followers, vipCount, wholesaleCount, tags);
    }

    [Fact]
    public async Task Every_follower_and_tag_arrives_and_the_page_shows_it()
    {
        await using var app = SyncWorld.App();
        var (openIds, vip, wholesale) = SyncWorld.Seed(app);
        // Someone Portal saw follow last week, who has left since without Portal hearing of it.
        var store = app.Services.GetRequiredService<FollowerStore>();
        var departed = InboundXml.NewOpenId();
        await store.SubscribeAsync(TestAccounts.DefaultId, departed, "old-poster", DateTimeOffset.UtcNow.AddDays(-7));

        var run = await FinishedAsync(app, await StartSyncAsync(app));

        Assert.Equal(3000, run.Followers);
        Assert.Equal(3000, run.Total);
        Assert.Equal((3000, 30, 30, 3), await CountsAsync(app, openIds, vip, wholesale));
        Assert.False((await store.GetAsync(TestAccounts.DefaultId, departed))!.Subscribed);
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);
        var page = await viewer.GetPageAsync($"/admin/followers?Tag={vip}");
        Assert.Contains("Last sync finished", page);
        Assert.Contains("30 followers carry “VIP”", page);
        var tagsPage = await viewer.GetPageAsync("/admin/tags");
        Assert.Contains("Wholesale", tagsPage);
    }

    [Fact]
    public async Task A_sync_stopped_after_its_first_page_resumes_on_another_instance_without_duplicates()
    {
        IReadOnlyList<string> openIds;
        long runId;
        int vip, wholesale;
        await using (var first = SyncWorld.App(_database))
        {
            // One user/get a day: the first page goes through, the second is refused until tomorrow.
            first.Settings["Sandbox:DailyQuotas:user/get"] = "1";
            (openIds, vip, wholesale) = SyncWorld.Seed(first);
            runId = await StartSyncAsync(first);
            var outbox = first.Services.GetRequiredService<OutboxStore>();
            var waiting = await SyncWorld.WaitForAsync(() => outbox.GetAsync(FollowerSyncPage.KeyFor(runId, 2)),
                row => row?.LastError?.StartsWith("45009", StringComparison.Ordinal) == true, "the second page to meet the quota");
            Assert.Equal(OutboxStatus.Ready, waiting!.Status);
            var stopped = (await first.Services.GetRequiredService<FollowerStore>().SyncAsync(TestAccounts.DefaultId, runId))!;
            Assert.Equal((FollowerSyncRun.Running, 1, SyncWorld.PageSize), (stopped.Status, stopped.Pages, stopped.Followers));
        }

        // The next day another instance starts on the same database, facing the same platform: its followers
        // are there before the instance starts, since its outbox worker picks the waiting page up at once.
        var nextDay = new ShiftedClock(TimeSpan.FromDays(1));
        var platformFollowers = new SandboxFollowers(nextDay);
        var platformTags = new SandboxTags(platformFollowers);
        SyncWorld.Seed(platformFollowers, platformTags, openIds);
        await using var second = SyncWorld.App(_database, nextDay);
        second.TestServices.Add(services => services.AddSingleton(platformFollowers).AddSingleton(platformTags));
        var run = await FinishedAsync(second, runId);

        Assert.Equal(3000, run.Followers);
        Assert.Equal(4, run.Pages); // three full pages and the empty one that ends the walk
        Assert.Equal((3000, 30, 30, 3), await CountsAsync(second, openIds, vip, wholesale));
        var first2 = await second.Services.GetRequiredService<OutboxStore>().GetAsync(FollowerSyncPage.KeyFor(runId, 2));
        Assert.Equal(OutboxStatus.Sent, first2!.Status);
    }

    [Fact]
    public async Task A_second_sync_is_refused_while_one_runs()
    {
        await using var app = SyncWorld.App();
        app.Settings["Sandbox:DailyQuotas:user/get"] = "0";
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        using (await editor.PostFormAsync("/admin/followers", "/admin/followers?handler=Sync", [])) { }
        using var again = await editor.PostFormAsync("/admin/followers", "/admin/followers?handler=Sync", []);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("A sync is already running", await editor.GetPageAsync("/admin/followers"));
    }
}
