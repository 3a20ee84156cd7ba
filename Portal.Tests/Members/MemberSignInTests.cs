using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
using Portal.Web.Members;
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

namespace Portal.Tests.Members;

/// <summary>
/// Member sign-in through web authorization against the sandbox, over HTTP: both scopes, the state bound
/// to the browser, codes used once or expired, return URLs kept on this site, and loops broken.
/// </summary>
public sealed class MemberSignInTests
{
    private static string Person(PortalAppFactory app, string nickname = "小红")
    {
        var followers = app.Services.GetRequiredService<SandboxFollowers>();
        var person = followers.Create(nickname);
        followers.Follow(person, null);
        return person.OpenId;
    }

    /// <summary>From a protected page to WeChat's authorize page and back with a code; stops at the callback.</summary>
    private static async Task<string> CallbackUrlAsync(MemberBrowser browser, string page, string fragment = "")
    {
        var (signIn, _) = await browser.GoAsync(page);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode); // the sign-in page, whose script goes on
        using var toWeChat = await browser.Http.GetAsync(MemberBrowser.StartFrom(signIn.RequestMessage!.RequestUri!.PathAndQuery, fragment));
        Assert.Equal(HttpStatusCode.Redirect, toWeChat.StatusCode);
        Assert.StartsWith("http://localhost/sandbox/connect/oauth2/authorize?", toWeChat.Headers.Location!.ToString());
        using var back = await browser.Http.GetAsync(toWeChat.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith("http://localhost/members/oauth/callback?code=", back.Headers.Location!.ToString());
        return back.Headers.Location!.PathAndQuery;
    }

    [Fact]
    public async Task A_follower_signs_in_silently_and_lands_on_the_page_they_opened()
    {
        await using var app = new PortalAppFactory();
        var openId = Person(app);
        using var browser = new MemberBrowser(app, openId);

        var callback = await CallbackUrlAsync(browser, "/members/me");
        var (page, hops) = await browser.GoAsync(callback);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/members/me", hops[^1]);
        Assert.Contains("data-testid=\"points\"", await page.Content.ReadAsStringAsync());
        var member = await app.Services.GetRequiredService<MemberStore>().FindAsync(TestAccounts.DefaultId, openId);
        Assert.False(member!.HasProfile);
        Assert.Null(member.Nickname);
    }

    [Fact]
    public async Task A_page_that_shows_the_profile_asks_for_consent_and_stores_the_nickname()
    {
        await using var app = new PortalAppFactory();
        var openId = Person(app, "小红");
        using var browser = new MemberBrowser(app, openId);

        var (signIn, _) = await browser.GoAsync("/members/profile");
        Assert.Contains("scope=snsapi_userinfo", signIn.RequestMessage!.RequestUri!.Query);
        var (consent, _) = await browser.GoAsync(MemberBrowser.StartFrom(signIn.RequestMessage.RequestUri.PathAndQuery));
        var consentHtml = await consent.Content.ReadAsStringAsync();
        Assert.Contains("允许 Allow", consentHtml);
        using var allowed = await browser.ConsentAsync(consentHtml, "allow");
        var (page, _) = await browser.GoAsync(allowed.Headers.Location!.PathAndQuery);

        Assert.Contains("小红", await page.Content.ReadAsStringAsync());
        Assert.True((await app.Services.GetRequiredService<MemberStore>().FindAsync(TestAccounts.DefaultId, openId))!.HasProfile);
    }

    [Fact]
    public async Task A_silently_signed_in_member_is_asked_for_the_profile_only_when_a_page_needs_it()
    {
        await using var app = new PortalAppFactory();
        using var browser = new MemberBrowser(app, Person(app));
        await browser.GoAsync(await CallbackUrlAsync(browser, "/members/me"));

        using var me = await browser.Http.GetAsync("/members/me");
        using var profile = await browser.Http.GetAsync("/members/profile");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Contains("scope=snsapi_userinfo", profile.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_callback_with_a_state_this_browser_did_not_start_is_refused()
    {
        await using var app = new PortalAppFactory();
        var openId = Person(app);
        using var victim = new MemberBrowser(app, openId);
        var callback = await CallbackUrlAsync(victim, "/members/me");

        // Someone else's browser given the link (a login-CSRF attempt), and the victim's with a changed state.
        using var other = new MemberBrowser(app, Person(app, "other"));
        using var stranger = await other.Http.GetAsync(callback);
        var forged = QueryHelpers.AddQueryString("/members/oauth/callback", new Dictionary<string, string?>
        {
            ["code"] = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), callback).Query)["code"],
            ["state"] = "forgedstate0123456789",
        });
        using var tampered = await victim.Http.GetAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("not started in this browser", await tampered.Content.ReadAsStringAsync());
        using var stillOut = await victim.Http.GetAsync("/members/me");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);
    }

    [Fact]
    public async Task The_same_callback_twice_from_the_back_button_lands_signed_in_instead_of_failing()
    {
        await using var app = new PortalAppFactory();
        var openId = Person(app);
        using var browser = new MemberBrowser(app, openId);
        var callback = await CallbackUrlAsync(browser, "/members/me");
        await browser.GoAsync(callback);

        using var again = await browser.Http.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/members/me", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_used_code_replayed_from_another_browser_with_its_own_state_does_not_sign_it_in()
    {
        await using var app = new PortalAppFactory();
        var victimOpenId = Person(app, "victim");
        using var victim = new MemberBrowser(app, victimOpenId);
        var callback = await CallbackUrlAsync(victim, "/members/me");
        await victim.GoAsync(callback);
        var code = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), callback).Query)["code"];

        // The attacker starts a sign-in of their own (so their state cookie is valid), then swaps in the
        // victim's code, learnt from a log or a Referer, instead of going to WeChat.
        using var attacker = new MemberBrowser(app, Person(app, "attacker"));
        using var toWeChat = await attacker.Http.GetAsync("/members/signin/start?scope=snsapi_base&returnUrl=%2Fmembers%2Fme");
        var attackerState = QueryHelpers.ParseQuery(toWeChat.Headers.Location!.Query)["state"];
        using var replay = await attacker.Http.GetAsync(QueryHelpers.AddQueryString("/members/oauth/callback",
            new Dictionary<string, string?> { ["code"] = code, ["state"] = attackerState }));

        // The platform refused the used code, so the attacker is sent round again, signed in as nobody.
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/members/signin/start", replay.Headers.Location!.OriginalString);
        Assert.DoesNotContain(replay.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("portal-member=", StringComparison.Ordinal));
        using var stillOut = await attacker.Http.GetAsync("/members/me");
        Assert.Equal(HttpStatusCode.Redirect, stillOut.StatusCode);

        // The victim's own repeated callback still lands in their session.
        using var again = await victim.Http.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/members/me", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_expired_code_starts_the_sign_in_again_rather_than_failing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PortalAppFactory().WithClock(clock);
        using var browser = new MemberBrowser(app, Person(app));
        var callback = await CallbackUrlAsync(browser, "/members/me");

        clock.Advance(TimeSpan.FromMinutes(6)); // codes last five minutes
        using var expired = await browser.Http.GetAsync(callback);

        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        Assert.StartsWith("/members/signin/start?", expired.Headers.Location!.OriginalString);
        var (page, _) = await browser.GoAsync(expired.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Member centre", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    [InlineData("javascript:alert(1)")]
    public async Task A_return_url_off_this_site_ends_on_the_home_page(string returnUrl)
    {
        await using var app = new PortalAppFactory();
        using var browser = new MemberBrowser(app, Person(app));

        using var toWeChat = await browser.Http.GetAsync($"/members/signin/start?scope=snsapi_base&returnUrl={Uri.EscapeDataString(returnUrl)}");
        var (_, hops) = await browser.GoAsync(toWeChat.Headers.Location!.PathAndQuery);

        Assert.Equal("/", hops[^1]);
    }

    [Fact]
    public async Task The_return_url_keeps_its_query_and_fragment()
    {
        await using var app = new PortalAppFactory();
        using var browser = new MemberBrowser(app, Person(app));
        var callback = await CallbackUrlAsync(browser, "/members/me?tab=points", fragment: "#history");

        using var landed = await browser.Http.GetAsync(callback);

        Assert.Equal("/members/me?tab=points#history", landed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_that_keeps_coming_back_without_a_usable_code_stops_with_a_page_that_says_so()
    {
        await using var app = new PortalAppFactory();
        using var browser = new MemberBrowser(app, Person(app));
        var callback = await CallbackUrlAsync(browser, "/members/me");
        var state = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), callback).Query)["state"];

        // WeChat answering with codes the platform will not take, over and over.
        var url = $"/members/oauth/callback?code=bogus&state={state}";
        HttpResponseMessage? last = null;
        for (var i = 0; i < 20; i++)
        {
            last?.Dispose();
            last = await browser.Http.GetAsync(url);
            if (last.StatusCode != HttpStatusCode.Redirect)
                break;
            var next = last.Headers.Location!;
            if (next.IsAbsoluteUri)
            {
                // Back at WeChat's page: it answers with a fresh state but, in this story, a bad code.
                var fresh = QueryHelpers.ParseQuery(next.Query)["state"];
                url = $"/members/oauth/callback?code=bogus&state={fresh}";
            }
            else
            {
                url = next.OriginalString;
            }
        }

        Assert.Equal(HttpStatusCode.OK, last!.StatusCode);
        Assert.Contains("We could not sign you in", await last.Content.ReadAsStringAsync());
        last.Dispose();
    }

    [Fact]
    public async Task Outside_WeChat_the_page_says_how_to_open_it_instead_of_redirecting()
    {
        await using var app = new PortalAppFactory();
        using var desktop = new MemberBrowser(app, sandboxFollower: null);

        using var page = await desktop.Http.GetAsync("/members/signin/start?scope=snsapi_base&returnUrl=%2Fmembers%2Fme");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Please open this page in WeChat", await page.Content.ReadAsStringAsync());

        desktop.Http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone) MicroMessenger/8.0.50");
        using var inWeChat = await desktop.Http.GetAsync("/members/signin/start?scope=snsapi_base&returnUrl=%2Fmembers%2Fme");
        Assert.Equal(HttpStatusCode.Redirect, inWeChat.StatusCode);
    }

    [Fact]
    public async Task The_member_cookie_from_one_instance_works_on_another_sharing_redis()
    {
        var shared = new SharedStateInstances();
        await shared.InitializeAsync();
        await using var _ = new AsyncDisposer(shared.DisposeAsync);
        PortalAppFactory Instance() => shared.Instance();
        await using var one = Instance();
        await using var two = Instance();
        var openId = Person(one);
        using var browser = new MemberBrowser(one, openId);
        await browser.GoAsync(await CallbackUrlAsync(browser, "/members/me"));

        using var onTwo = new MemberBrowser(two, openId);
        browser.CopyCookiesTo(onTwo);
        using var page = await onTwo.Http.GetAsync("/members/me");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"points\"", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/members/me", "/members/me")]
    [InlineData("/a?b=c#d", "/a?b=c#d")]
    [InlineData("", "/")]
    [InlineData("members", "/")]
    [InlineData("//x", "/")]
    [InlineData("/\\x", "/")]
    [InlineData("/a\r\nLocation: x", "/")]
    public void Only_paths_on_this_site_are_kept(string asked, string kept) =>
        Assert.Equal(kept, MemberSignInEndpoints.LocalOnly(asked));

    private sealed class AsyncDisposer(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose();
    }
}
