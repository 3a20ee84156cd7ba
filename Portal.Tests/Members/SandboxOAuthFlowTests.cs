using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Members;
using Portal.Core.Platform;
using Portal.Core.WeChat;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using OAuthScopes = Portal.Core.WeChat.OAuthScopes;
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
/// Web authorization end to end over HTTP: a browser (cookies kept, redirects not followed) goes through the
/// sandbox's authorize page, and Portal's OAuth client exchanges the code with the sandbox platform.
/// </summary>
public sealed class SandboxOAuthFlowTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private const string Callback = "https://portal.example/oauth/callback?back=%2Fmembers";

    private static HttpClient Browser(PortalAppFactory factory, string? openId = null)
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = openId is null });
        if (openId is not null)
            browser.DefaultRequestHeaders.Add("Cookie", $"{SandboxAuthorizePage.FollowerCookie}={openId}");
        return browser;
    }

    private static string AuthorizePath(PortalAppFactory factory, string scope, string state = "st4te", string? appId = null)
    {
        var options = factory.Services.GetRequiredService<IOptions<WeChatOptions>>().Value;
        var url = OAuthAuthorizeUrl.Build(options.OpenBaseUrl, appId ?? options.AppId, Callback, scope, state);
        return new Uri(url).PathAndQuery; // the fragment stays in the browser
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> CallbackQuery(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("https://portal.example/oauth/callback?back=%2Fmembers&", location);
        return QueryHelpers.ParseQuery(new Uri(location).Query);
    }

    private static async Task<string> SilentCodeAsync(PortalAppFactory factory, string openId)
    {
        using var browser = Browser(factory, openId);
        using var response = await browser.GetAsync(AuthorizePath(factory, OAuthScopes.Base));
        return CallbackQuery(response)["code"]!;
    }

    private OAuthClient Client => app.Services.GetRequiredService<OAuthClient>();

    [Fact]
    public void The_authorize_page_is_the_sandboxs_own() =>
        Assert.StartsWith("http://localhost/sandbox/connect/oauth2/authorize?", OAuthAuthorizeUrl.Build(
            app.Services.GetRequiredService<IOptions<WeChatOptions>>().Value.OpenBaseUrl, PortalAppFactory.AppId, Callback, OAuthScopes.Base, "s"));

    [Fact]
    public async Task Base_scope_goes_straight_back_with_a_code_and_the_state_for_the_follower()
    {
        var openId = app.FollowerWhoJustWrote();
        using var browser = Browser(app, openId);

        using var response = await browser.GetAsync(AuthorizePath(app, OAuthScopes.Base, state: "abcXYZ123"));

        var query = CallbackQuery(response);
        Assert.Equal("abcXYZ123", query["state"]);
        var token = await Client.ExchangeCodeAsync(app.Services.DefaultAccount(), query["code"]!);
        Assert.Equal(openId, token.OpenId);
        Assert.Equal(OAuthScopes.Base, token.Scope);
        Assert.True(await Client.IsValidAsync(token.AccessToken, openId));
    }

    [Fact]
    public async Task A_browser_without_the_cookie_is_asked_who_it_is_then_remembered()
    {
        var openId = app.FollowerWhoJustWrote("Picked person");
        using var browser = Browser(app);
        var authorize = AuthorizePath(app, OAuthScopes.Base);

        using var picker = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, picker.StatusCode);
        Assert.Contains("Who are you?", await picker.Content.ReadAsStringAsync());
        Assert.Contains("Picked person", await picker.Content.ReadAsStringAsync());

        using var chosen = await browser.PostAsync("/sandbox/connect/oauth2/who",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["openid"] = openId, ["return"] = authorize }));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(authorize, chosen.Headers.Location!.OriginalString);

        using var back = await browser.GetAsync(authorize);
        var token = await Client.ExchangeCodeAsync(app.Services.DefaultAccount(), CallbackQuery(back)["code"]!);
        Assert.Equal(openId, token.OpenId);
    }

    [Fact]
    public async Task Userinfo_scope_asks_for_consent_then_returns_a_code_that_reads_the_profile()
    {
        var openId = app.FollowerWhoJustWrote("Mei");
        using var browser = Browser(app, openId);

        using var consent = await browser.GetAsync(AuthorizePath(app, OAuthScopes.UserInfo));
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        var page = await consent.Content.ReadAsStringAsync();
        Assert.Contains("Portal Sandbox", page);
        Assert.Contains("Allow", page);

        using var allowed = await browser.PostAsync("/sandbox/connect/oauth2/authorize", Decision("allow", OAuthScopes.UserInfo));
        var query = CallbackQuery(allowed);
        Assert.Equal("st4te", query["state"]);
        var token = await Client.ExchangeCodeAsync(app.Services.DefaultAccount(), query["code"]!);
        Assert.Equal(OAuthScopes.UserInfo, token.Scope);
        var profile = await Client.GetUserInfoAsync(token.AccessToken, token.OpenId);
        Assert.Equal(openId, profile.OpenId);
        Assert.Equal("Mei", profile.Nickname);
        Assert.Equal("深圳", profile.City);
    }

    [Fact]
    public async Task Denying_consent_goes_back_without_a_code()
    {
        using var browser = Browser(app, app.FollowerWhoJustWrote());

        using var denied = await browser.PostAsync("/sandbox/connect/oauth2/authorize", Decision("deny", OAuthScopes.UserInfo));

        var query = CallbackQuery(denied);
        Assert.False(query.ContainsKey("code"));
        Assert.Equal("st4te", query["state"]);
    }

    [Fact]
    public async Task A_code_works_once_and_the_second_exchange_is_40163()
    {
        var code = await SilentCodeAsync(app, app.FollowerWhoJustWrote());
        await Client.ExchangeCodeAsync(app.Services.DefaultAccount(), code);

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => Client.ExchangeCodeAsync(app.Services.DefaultAccount(), code));

        Assert.Equal(WeChatErrorCodes.OAuthCodeUsed, error.ErrorCode);
        Assert.Equal("sns/oauth2/access_token", error.Endpoint);
    }

    [Fact]
    public async Task A_base_token_cannot_read_the_profile()
    {
        var openId = app.FollowerWhoJustWrote();
        var token = await Client.ExchangeCodeAsync(app.Services.DefaultAccount(), await SilentCodeAsync(app, openId));

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => Client.GetUserInfoAsync(token.AccessToken, openId));

        Assert.Equal(WeChatErrorCodes.ApiUnauthorized, error.ErrorCode);
    }

    [Fact]
    public async Task Refreshing_gives_a_new_working_token_for_the_same_person()
    {
        var openId = app.FollowerWhoJustWrote();
        var first = await Client.ExchangeCodeAsync(app.Services.DefaultAccount(), await SilentCodeAsync(app, openId));

        var refreshed = await Client.RefreshAsync(app.Services.DefaultAccount(), first.RefreshToken);

        Assert.Equal(openId, refreshed.OpenId);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.True(await Client.IsValidAsync(refreshed.AccessToken, openId));
        Assert.False(await Client.IsValidAsync(refreshed.AccessToken, app.FollowerWhoJustWrote()));
        var unknown = await Assert.ThrowsAsync<WeChatApiException>(() => Client.RefreshAsync(app.Services.DefaultAccount(), "no-such-refresh-token"));
        Assert.Equal(WeChatErrorCodes.InvalidRefreshToken, unknown.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_appid_gets_the_error_page_and_no_redirect()
    {
        using var browser = Browser(app, app.FollowerWhoJustWrote());

        using var response = await browser.GetAsync(AuthorizePath(app, OAuthScopes.Base, appId: "wx0000000000000000"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("appid", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("redirect_uri=%2Foauth%2Fcallback&response_type=code&scope=snsapi_base", "redirect_uri")]
    [InlineData("redirect_uri=https%3A%2F%2Fportal.example%2Fcb&response_type=code&scope=snsapi_login", "scope")]
    [InlineData("redirect_uri=https%3A%2F%2Fportal.example%2Fcb&response_type=token&scope=snsapi_base", "response_type")]
    public async Task Unsound_authorize_requests_get_the_error_page(string query, string named)
    {
        using var browser = Browser(app, app.FollowerWhoJustWrote());

        using var response = await browser.GetAsync($"/sandbox/connect/oauth2/authorize?appid={PortalAppFactory.AppId}&{query}&state=s");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_code_left_for_more_than_five_minutes_is_40029()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var timed = new PortalAppFactory().WithClock(clock);
        var openId = timed.FollowerWhoJustWrote();
        var code = await SilentCodeAsync(timed, openId);

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<WeChatApiException>(() => timed.Services.GetRequiredService<OAuthClient>().ExchangeCodeAsync(timed.Services.DefaultAccount(), code));

        Assert.Equal(WeChatErrorCodes.InvalidOAuthCode, error.ErrorCode);
    }

    private static FormUrlEncodedContent Decision(string decision, string scope) => new(new Dictionary<string, string>
    {
        ["appid"] = PortalAppFactory.AppId,
        ["redirect_uri"] = Callback,
        ["response_type"] = "code",
        ["scope"] = scope,
        ["state"] = "st4te",
        ["decision"] = decision,
    });
}
