using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Data;
using Portal.Core.Followers;
using Portal.Core.Inbox;
using Portal.Core.Operators;
using Portal.Core.Outbox;
using Portal.Core.Platform;
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

namespace Portal.Tests.Sandbox.Platform;

/// <summary>
/// The sandbox platform remembers its followers, tags, codes and chats across restarts, as the real
/// platform does while Portal restarts; otherwise Portal's next call for a follower it knows fails with 40003.
/// </summary>
public sealed class SandboxStateTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("sandbox-state"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Portal on the test's own data folder; Redis keeps Portal's access token across the restart while the sandbox forgets its tokens.</summary>
    private PortalAppFactory App(string redisPrefix)
    {
        var app = new PortalAppFactory();
        app.Settings["Database:DataFolder"] = _folder;
        app.Settings["Sandbox:StarterKit"] = "true";
        app.Settings["Redis:Configuration"] = TestServers.RedisConfiguration;
        app.Settings["Redis:KeyPrefix"] = redisPrefix;
        return app;
    }

    [Fact]
    public async Task After_a_restart_the_sandbox_still_knows_the_follower_their_tag_and_chat_and_a_reply_reaches_them()
    {
        var redisPrefix = TestServers.UniqueName("sandbox-state") + ":";
        string openId;
        int tagId;
        await using (var first = App(redisPrefix))
        {
            var phone = await SandboxPhoneClient.CreateFollowerAsync(first, "Ming");
            openId = phone.OpenId;
            (await phone.FollowAsync()).EnsureSuccessStatusCode();
            (await phone.SendAsync("what are your hours?")).EnsureSuccessStatusCode();
            var broker = first.Services.GetRequiredService<AccessTokenBroker>();
            var tags = first.Services.GetRequiredService<TagClient>();
            tagId = (await broker.CallAsync(first.Services.DefaultAccount(), (token, ct) => tags.CreateAsync(token, "VIP", ct))).Id;
            await broker.CallAsync(first.Services.DefaultAccount(), async (token, ct) => { await tags.TagAsync(token, tagId, [openId], ct); return 0; });
            var users = first.Services.GetRequiredService<UserClient>();
            await broker.CallAsync(first.Services.DefaultAccount(), async (token, ct) => { await users.UpdateRemarkAsync(token, openId, "regular", ct); return 0; });
            var codes = first.Services.GetRequiredService<QrCodeClient>();
            await broker.CallAsync(first.Services.DefaultAccount(), (token, ct) => codes.CreateAsync(token, QrCodeRequest.Permanent("poster_spring"), ct));
        }
        Assert.True(File.Exists(Path.Combine(_folder, SandboxState.FileName)));

        await using var second = App(redisPrefix);
        var platform = second.Services.GetRequiredService<SandboxFollowers>().Find(openId);
        Assert.NotNull(platform);
        Assert.True(platform.Subscribed);
        Assert.Equal("regular", platform.Remark);
        var broker2 = second.Services.GetRequiredService<AccessTokenBroker>();
        var tags2 = second.Services.GetRequiredService<TagClient>();
        Assert.Equal([tagId], await broker2.CallAsync(second.Services.DefaultAccount(), (token, ct) => tags2.GetIdListAsync(token, openId, ct)));
        var vip = Assert.Single(await broker2.CallAsync(second.Services.DefaultAccount(), (token, ct) => tags2.GetAsync(token, ct)), t => t.Name == "VIP");
        Assert.Equal(1, vip.Count);
        // Portal's token (kept in Redis) was the first sandbox's: the new sandbox refused it and Portal fetched another.
        Assert.True(second.Services.GetRequiredService<SandboxTokens>().Minted >= 1);

        // The phone still shows the chat and the account's code.
        var phone2 = new SandboxPhoneClient(second.CreateClient(), openId);
        var chat = await phone2.ChatAsync();
        Assert.Contains(chat.GetProperty("lines").EnumerateArray(), l => l.GetProperty("text").GetString() == "We are open 9:00–18:00, Monday to Saturday.");
        Assert.Contains(chat.GetProperty("codes").EnumerateArray(), c => c.GetProperty("scene").GetString() == "poster_spring");

        // An operator's reply from the inbox reaches the follower.
        using var editor = await AdminBrowser.SignedInAsync(second, OperatorRole.Editor);
        using (var response = await editor.PostFormAsync("/admin/inbox", "/admin/inbox?handler=Reply", new() { ["openId"] = openId, ["text"] = "Welcome back" }))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reply = (await second.Services.GetRequiredService<InboxStore>().RecentRepliesAsync(TestAccounts.DefaultId, 10)).First(r => r.OpenId == openId);
        var sent = await Messaging.DeadlineTests.WaitForOutboxAsync(second, reply.OutboxKey!, OutboxStatus.Sent);
        Assert.Equal(OutboxStatus.Sent, sent?.Status);
        Assert.Contains(await phone2.AccountLinesAsync(), l => l == ("customer-service", "text", "Welcome back"));
    }

    [Fact]
    public void Changes_are_written_once_after_a_quiet_moment_not_per_change()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var path = Path.Combine(_folder, SandboxState.FileName);
        using var state = State(time);
        var followers = new SandboxFollowers(time, state.For(PortalAppFactory.AppId));

        for (var i = 0; i < 50; i++)
            followers.Follow(followers.Create($"Follower {i}"), qrScene: null);
        Assert.False(File.Exists(path));

        time.Advance(SandboxState.Quiet);
        Assert.True(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));

        // Nothing changed since: no write.
        File.Delete(path);
        time.Advance(SandboxState.Quiet * 3);
        Assert.False(File.Exists(path));

        followers.Create("Late");
        time.Advance(SandboxState.Quiet);
        using var restarted = State(time);
        var known = new SandboxFollowers(time, restarted.For(PortalAppFactory.AppId));
        Assert.Equal(51, known.All().Count);
        Assert.Equal(50, known.Subscribed().Count);
    }

    [Fact]
    public void A_part_not_opened_in_a_run_is_written_back_as_it_was()
    {
        var time = new FakeTimeProvider();
        using (var state = State(time))
        {
            var followers = new SandboxFollowers(time, state.For(PortalAppFactory.AppId));
            var tags = new SandboxTags(followers, state.For(PortalAppFactory.AppId));
            var follower = followers.Create("Ming");
            var (_, tag) = tags.Create("VIP");
            Assert.Equal(0, tags.Tag(tag!.Id, [follower.OpenId]));
        }
        using (var state = State(time))
        {
            // Only the followers are used in this run; the tags' names must survive its write.
            var followers = new SandboxFollowers(time, state.For(PortalAppFactory.AppId));
            followers.Create("Lin");
        }
        using (var state = State(time))
        {
            var followers = new SandboxFollowers(time, state.For(PortalAppFactory.AppId));
            var tags = new SandboxTags(followers, state.For(PortalAppFactory.AppId));
            Assert.Equal(2, followers.All().Count);
            var vip = Assert.Single(tags.All(), t => t.Name == "VIP");
            Assert.Equal(1, vip.Count);
        }
    }

    [Fact]
    public void An_unreadable_state_file_is_set_aside_and_the_sandbox_starts_empty()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, SandboxState.FileName);
        File.WriteAllText(path, "{ not json");
        var time = new FakeTimeProvider();

        using var state = State(time);

        Assert.Empty(new SandboxFollowers(time, state.For(PortalAppFactory.AppId)).All());
        Assert.Equal("{ not json", File.ReadAllText(path + ".unreadable"));
    }

    [Fact]
    public void The_single_account_sandboxs_files_become_the_first_accounts_and_other_accounts_keep_their_own()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, SandboxState.FileName), """
            {"followers":[{"openId":"oOldFollower000000000000000001","nickname":"Old friend","subscribed":true,"tagIds":[]}]}
            """);
        File.WriteAllText(Path.Combine(_folder, "sandbox-menus.json"), """
            {"Default":{"button":[{"type":"click","name":"Old","key":"OLD","sub_button":[]}]},"DefaultMenuId":400000001,"Conditional":[],"NextMenuId":400000002}
            """);
        var time = new FakeTimeProvider();
        const string Other = "wxb11529c136998cb6";

        using (var state = State(time))
        {
            var followers = new SandboxFollowers(time, state.For(PortalAppFactory.AppId));
            Assert.Equal("Old friend", Assert.Single(followers.All()).Nickname);
            Assert.Equal("OLD", new SandboxMenus(state.For(PortalAppFactory.AppId)).Published().Default!.Buttons[0].Key);
            Assert.Empty(new SandboxFollowers(time, state.For(Other)).All());
            Assert.Null(new SandboxMenus(state.For(Other)).Published().Default);
            new SandboxFollowers(time, state.For(Other)).Create("Other's");
        }
        using (var state = State(time))
        {
            Assert.Equal(["Old friend"], new SandboxFollowers(time, state.For(PortalAppFactory.AppId)).All().Select(f => f.Nickname));
            Assert.Equal(["Other's"], new SandboxFollowers(time, state.For(Other)).All().Select(f => f.Nickname));
        }
    }

    private SandboxState State(TimeProvider time) =>
        new(_folder, PortalAppFactory.AppId, time, NullLogger<SandboxState>.Instance);
}
