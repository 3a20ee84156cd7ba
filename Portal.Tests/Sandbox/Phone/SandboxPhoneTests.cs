using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Followers;
using Portal.Core.Messaging;
using Portal.Tests.Infrastructure;
using Portal.Tests.Messaging;
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

namespace Portal.Tests.Sandbox.Phone;

/// <summary>
/// A follower on the sandbox phone, end to end over HTTP: the phone's API, the sandbox's pushes to the
/// webhook in each mode, the message server, and the starter kit's replies.
/// </summary>
public sealed class SandboxPhoneTests
{
    private static PortalAppFactory App(string mode = "Auto")
    {
        var app = new PortalAppFactory();
        app.Settings["Sandbox:StarterKit"] = "true";
        app.Settings["Sandbox:WebhookMode"] = mode;
        return app;
    }

    [Theory]
    [InlineData("Plaintext")]
    [InlineData("Compatible")]
    [InlineData("Safe")]
    public async Task A_follower_follows_gets_the_greeting_and_a_keyword_reply_in_every_mode(string mode)
    {
        await using var app = App(mode);
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);

        (await phone.FollowAsync()).EnsureSuccessStatusCode();
        (await phone.SendAsync("what are your hours?")).EnsureSuccessStatusCode();

        var lines = await phone.AccountLinesAsync();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("欢迎关注!", lines[0].Text);
        Assert.Equal(("reply", "text", "We are open 9:00–18:00, Monday to Saturday."), lines[1]);
        var follower = await app.Services.GetRequiredService<FollowerStore>().GetAsync(TestAccounts.DefaultId, phone.OpenId);
        Assert.True(follower!.Subscribed);
    }

    [Fact]
    public async Task A_follow_through_a_qr_code_records_the_scene()
    {
        await using var app = App();
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);

        (await phone.FollowAsync(scene: "store_12")).EnsureSuccessStatusCode();

        var follower = await app.Services.GetRequiredService<FollowerStore>().GetAsync(TestAccounts.DefaultId, phone.OpenId);
        Assert.Equal("store_12", follower!.QrScene);
    }

    [Fact]
    public async Task A_code_made_through_the_platform_api_can_be_scanned_on_the_phone_to_follow()
    {
        await using var app = App();
        var broker = app.Services.GetRequiredService<Portal.Core.Platform.AccessTokenBroker>();
        var qr = app.Services.GetRequiredService<Portal.Core.Platform.QrCodeClient>();
        var ticket = await broker.CallAsync(app.Services.DefaultAccount(), (token, ct) => qr.CreateAsync(token, Portal.Core.Platform.QrCodeRequest.Permanent("poster_spring"), ct));
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);

        var code = Assert.Single((await phone.ChatAsync()).GetProperty("codes").EnumerateArray());
        Assert.Equal(ticket.Ticket, code.GetProperty("ticket").GetString());
        (await phone.FollowAsync(scene: code.GetProperty("scene").GetString(), ticket: ticket.Ticket)).EnsureSuccessStatusCode();

        var follower = await app.Services.GetRequiredService<FollowerStore>().GetAsync(TestAccounts.DefaultId, phone.OpenId);
        Assert.Equal("poster_spring", follower!.QrScene);
    }

    [Fact]
    public async Task The_phone_shows_the_menu_published_for_the_follower()
    {
        await using var app = App();
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await phone.ChatAsync()).GetProperty("menu").ValueKind); // not following: no menu

        await phone.FollowAsync();

        var buttons = (await phone.ChatAsync()).GetProperty("menu").GetProperty("button");
        Assert.Equal(["Today", "More"], buttons.EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.Equal(Portal.Web.Hosting.SandboxStarterKit.SlowKey, buttons[1].GetProperty("sub_button")[3].GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_template_message_portal_sends_shows_in_the_chat_as_a_card()
    {
        await using var app = App();
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);
        await phone.FollowAsync();

        await app.Services.GetRequiredService<Portal.Core.Notifications.TemplateSends>().EnqueueAsync("points-1", new Portal.Core.Platform.TemplateMessage
        {
            ToUser = phone.OpenId,
            TemplateId = SandboxTemplates.PointsChanged,
            Url = "http://localhost/members/me",
            Data = new Dictionary<string, Portal.Core.Platform.TemplateValue> { ["keyword1"] = new("+20"), ["keyword2"] = new("320") },
        });

        var lines = await phone.WaitForAccountLinesAsync(2);
        Assert.Equal("template", lines[^1].Via);
        var card = (await phone.ChatAsync()).GetProperty("lines").EnumerateArray().Last();
        Assert.Equal("积分变动提醒", card.GetProperty("title").GetString());
        Assert.Equal("http://localhost/members/me", card.GetProperty("url").GetString());
        Assert.Contains("+20", card.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_starter_menu_is_in_the_menu_history_so_the_workbench_starts_from_it()
    {
        await using var app = App();

        var live = app.Services.GetRequiredService<SandboxMenus>().Published().Default!;
        var history = await app.Services.GetRequiredService<Portal.Core.Menus.MenuVersionStore>().ListAsync(TestAccounts.DefaultId);

        var version = Assert.Single(history);
        Assert.Equal(Portal.Core.Menus.MenuJson.Write(live.InPortal()), Portal.Core.Menus.MenuJson.Write(version.Menu));
    }

    [Fact]
    public async Task A_menu_click_gets_its_news_reply()
    {
        await using var app = App();
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);
        await phone.FollowAsync();

        (await phone.ClickAsync(Portal.Web.Hosting.SandboxStarterKit.TodayKey, "Today")).EnsureSuccessStatusCode();

        var chat = await phone.ChatAsync();
        var news = chat.GetProperty("lines").EnumerateArray().Last();
        Assert.Equal("news", news.GetProperty("kind").GetString());
        Assert.Equal("Today's special", news.GetProperty("articles")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_slow_button_answers_later_through_the_customer_service_api()
    {
        await using var app = App();
        app.Settings["Messaging:HandlerDeadline"] = "00:00:00.5";
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);
        await phone.FollowAsync();

        (await phone.ClickAsync(Portal.Web.Hosting.SandboxStarterKit.SlowKey, "Slow answer")).EnsureSuccessStatusCode();

        var lines = await phone.WaitForAccountLinesAsync(2);
        Assert.Equal("customer-service", lines[^1].Via);
        Assert.StartsWith("Sorry for the wait", lines[^1].Text);
    }

    [Fact]
    public async Task WeChats_retries_of_a_slow_message_run_the_handler_once_and_the_follower_sees_one_reply()
    {
        await using var app = new PortalAppFactory();
        // The platform gives up on an attempt after 1 s and sends the message again; the handler needs 1.5 s. Both
        // run in real time: the platform's attempt timeout is its HTTP client's, which no fake clock moves. A slow
        // machine only moves the reply to the third attempt, which the test accepts as well.
        app.Settings["Sandbox:WebhookTimeout"] = "00:00:01";
        app.Settings["Messaging:HandlerDeadline"] = "00:00:04.5";
        var handler = new CountingHandler(TimeSpan.FromSeconds(1.5)).InstallIn(app);
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);
        await phone.FollowAsync();

        (await phone.SendAsync("anyone there?")).EnsureSuccessStatusCode();

        Assert.Equal(1, handler.Runs);
        Assert.Equal([("reply", "text", "answer from run 1")], await phone.AccountLinesAsync());
    }

    [Fact]
    public async Task A_webhook_that_never_answers_in_time_shows_the_platforms_failure_notice_after_three_attempts()
    {
        await using var app = new PortalAppFactory();
        // Three attempts of 0.3 s each are over long before the 4 s handler answers, even on a busy machine.
        app.Settings["Sandbox:WebhookTimeout"] = "00:00:00.3";
        app.Settings["Messaging:HandlerDeadline"] = "00:00:04.5";
        var handler = new CountingHandler(TimeSpan.FromSeconds(4)).InstallIn(app);
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);
        await phone.FollowAsync();

        (await phone.SendAsync("hello?")).EnsureSuccessStatusCode();

        Assert.Equal([("platform", "notice", SandboxWebhookClient.ServiceFailure)], await phone.AccountLinesAsync());
        Assert.Equal(1, handler.Runs);
    }

    [Fact]
    public async Task Chatting_and_tapping_need_a_follow_and_an_unfollow_closes_the_window()
    {
        await using var app = App();
        var phone = await SandboxPhoneClient.CreateFollowerAsync(app);

        using var refused = await phone.SendAsync("hi");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        await phone.FollowAsync();
        Assert.True((await phone.ChatAsync()).GetProperty("windowOpen").GetBoolean());
        (await phone.UnfollowAsync()).EnsureSuccessStatusCode();

        Assert.False((await phone.ChatAsync()).GetProperty("windowOpen").GetBoolean());
        var follower = await WaitForAsync(() => app.Services.GetRequiredService<FollowerStore>().GetAsync(TestAccounts.DefaultId, phone.OpenId), f => f is { Subscribed: false });
        Assert.False(follower!.Subscribed);
        var log = await WaitForAsync(() => app.Services.GetRequiredService<MessageLogStore>().ForFollowerAsync(phone.OpenId), l => l.Count >= 2);
        Assert.Contains(log, e => e.Event == "unsubscribe");
    }

    [Fact]
    public async Task The_phone_page_is_served_with_fingerprinted_assets_and_hidden_when_the_sandbox_is_off()
    {
        await using (var app = App())
        {
            var client = app.CreateClient();
            var html = await client.GetStringAsync("/sandbox/phone");
            var script = System.Text.RegularExpressions.Regex.Match(html, @"/sandbox/phone\.[a-z0-9]+\.js").Value;
            Assert.NotEmpty(script);
            Assert.Contains("/sandbox/phone/api", await client.GetStringAsync(script));
        }
        await using var off = new PortalAppFactory();
        off.Settings["Sandbox:Enabled"] = "false";
        off.Settings["WeChat:ApiBaseUrl"] = "https://api.weixin.qq.com/";
        using var response = await off.CreateClient().GetAsync("/sandbox/phone");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done) => Eventually.ReadAsync(read, done);
}
