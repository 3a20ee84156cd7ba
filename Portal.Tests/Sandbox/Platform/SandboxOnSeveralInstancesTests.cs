using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Followers;
using Portal.Core.Members;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Sandbox.Platform;

/// <summary>
/// Two instances on one PostgreSQL database and one Redis key space, both with Sandbox:SelfUrl at the
/// first: the first plays WeChat, and the second's sandbox pages are the first's, forwarded. Real Kestrel
/// on 127.0.0.1 ports, so the platform, its forwarding and the webhook all go over the network.
/// </summary>
public sealed class SandboxOnSeveralInstancesTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private readonly string _redisPrefix = TestServers.UniqueName("sandbox-cluster") + ":";

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    /// <summary>An instance on the shared state (not started), playing the platform itself or deferring to <paramref name="platform"/>.</summary>
    private KestrelPortalApp Instance(KestrelPortalApp? platform = null)
    {
        var app = new KestrelPortalApp();
        app.Settings["Database:Provider"] = "PostgreSql";
        app.Settings["ConnectionStrings:Portal"] = _database.ConnectionString;
        app.Settings["Redis:Configuration"] = TestServers.RedisConfiguration;
        app.Settings["Redis:KeyPrefix"] = _redisPrefix;
        if (platform is not null)
        {
            app.Settings["Sandbox:SelfUrl"] = platform.BaseUrl.ToString();
            app.Settings["WeChat:ApiBaseUrl"] = new Uri(platform.BaseUrl, "sandbox/").ToString();
        }
        return app;
    }

    /// <summary>The first instance, which plays the platform, with the starter account's replies.</summary>
    private KestrelPortalApp Platform()
    {
        var app = Instance();
        app.Settings["Sandbox:StarterKit"] = "true";
        return app;
    }

    private static HttpClient Browser(KestrelPortalApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseUrl };

    private static async Task<SandboxPhoneClient> NewFollowerAsync(HttpClient browser, string nickname)
    {
        using var created = await browser.PostAsJsonAsync("/sandbox/phone/api/followers", new { nickname });
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return new SandboxPhoneClient(browser, body.GetProperty("openId").GetString()!);
    }

    [Fact]
    public async Task A_follower_made_on_the_second_instance_s_phone_page_is_one_the_platform_knows()
    {
        await using var first = Platform().Start();
        await using var second = Instance(platform: first).Start();
        using var browser = Browser(second);

        var page = await browser.GetStringAsync("/sandbox/phone");
        var phone = await NewFollowerAsync(browser, "Ming");
        (await phone.FollowAsync()).EnsureSuccessStatusCode();

        // The page opened on the second instance says who plays WeChat.
        Assert.Contains($"WeChat is played by the instance at <code>{first.BaseUrl}</code>", page);
        // Portal on the second instance asks the platform about the follower, as its sync and profile
        // lookups do: before, the platform answered 40003 invalid openid.
        var info = await second.Services.GetRequiredService<AccessTokenBroker>().CallAsync(second.Services.DefaultAccount(), (token, ct) =>
            second.Services.GetRequiredService<UserClient>().InfoAsync(token, phone.OpenId, ct: ct));
        Assert.Equal(1, info.Subscribe);
        Assert.Equal(phone.OpenId, info.OpenId);
        // And the follow reached Portal: the greeting is in the chat, the follower in the shared database.
        var lines = await phone.AccountLinesAsync();
        Assert.StartsWith("欢迎关注!", Assert.Single(lines).Text);
        Assert.True((await second.Services.GetRequiredService<FollowerStore>().GetAsync(TestAccounts.DefaultId, phone.OpenId))!.Subscribed);
    }

    [Theory]
    [InlineData("first")]
    [InlineData("second")]
    public async Task A_message_from_the_second_instance_s_phone_is_answered_on_that_phone_whichever_instance_wechat_pushes_to(string webhook)
    {
        await using var first = Platform();
        await using var second = Instance(platform: first);
        // The platform pushes to the account's server URL: the first instance's own webhook, or the second's.
        if (webhook == "second")
            first.Settings["Sandbox:WebhookUrl"] = new Uri(second.BaseUrl, "wx").ToString();
        first.Start();
        second.Start();
        using var browser = Browser(second);
        var phone = await NewFollowerAsync(browser, "Hua");
        (await phone.FollowAsync()).EnsureSuccessStatusCode();

        (await phone.SendAsync("what are your hours?")).EnsureSuccessStatusCode();

        var lines = await phone.AccountLinesAsync();
        Assert.Equal(("reply", "text", "We are open 9:00–18:00, Monday to Saturday."), lines[^1]);
        // The same chat, opened on the instance that plays the platform.
        using var onFirst = Browser(first);
        var chat = await new SandboxPhoneClient(onFirst, phone.OpenId).AccountLinesAsync();
        Assert.Equal(lines, chat);
    }

    [Fact]
    public async Task A_text_message_portal_sends_from_the_second_instance_shows_on_the_phone_page()
    {
        await using var first = Instance().Start();
        await using var second = Instance(platform: first).Start();
        using var browser = Browser(second);
        var phone = await NewFollowerAsync(browser, "Lan");

        await second.Services.GetRequiredService<ISmsSender>().SendCodeAsync("13800138000", "482913", TimeSpan.FromMinutes(5));

        var text = Assert.Single((await phone.ChatAsync()).GetProperty("texts").EnumerateArray());
        Assert.Equal("13800138000", text.GetProperty("phone").GetString());
        Assert.Contains("482913", text.GetProperty("text").GetString());
    }

    [Fact]
    public async Task When_no_instance_plays_the_platform_the_sandbox_says_so_instead_of_forwarding_in_a_circle()
    {
        // An instance told not to play, whose SelfUrl is itself: the forwarded request comes back to it.
        await using var app = new KestrelPortalApp();
        app.Settings["Sandbox:PlaysPlatform"] = "false";
        app.Start();
        using var browser = Browser(app);

        using var answer = await browser.GetAsync("/sandbox/phone");

        Assert.Equal(HttpStatusCode.LoopDetected, answer.StatusCode);
        Assert.Contains("Set Sandbox:PlaysPlatform=true on the one instance that should", await answer.Content.ReadAsStringAsync());
    }
}
