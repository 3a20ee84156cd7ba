using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Tests.Members;
using Portal.Sandbox.Followers;

namespace Portal.Tests.Accounts;

/// <summary>
/// The follower's pages know their account: /a/{AppId}/… are that account's, everything else the default
/// account's at the URLs it always had. Sign-in asks WeChat with the page's AppId and comes back under the
/// page's prefix, and a member session of one account signs nobody in on another's pages.
/// </summary>
public sealed class AccountPagesTests : IAsyncLifetime
{
    private const string Second = PortalAppFactory.SecondAppId;
    private readonly PortalAppFactory _app = new PortalAppFactory().WithSecondAccount();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Person()
    {
        var followers = _app.Services.GetRequiredService<SandboxFollowers>();
        var person = followers.Create("小明");
        followers.Follow(person, null);
        return person.OpenId;
    }

    /// <summary>From a member page to the WeChat authorize URL the sign-in sends the browser to.</summary>
    private static async Task<(Uri Authorize, HttpResponseMessage Start)> AuthorizeUrlAsync(MemberBrowser browser, string page)
    {
        var (signIn, hops) = await browser.GoAsync(page);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var signInPath = hops[^1];
        var start = await browser.Http.GetAsync(StartOf(signInPath));
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        return (start.Headers.Location!, start);
    }

    /// <summary>What the sign-in page's script does: go on to its start link (which the page carries in data-start).</summary>
    private static string StartOf(string signInPath)
    {
        var uri = new Uri(new Uri("http://localhost"), signInPath);
        var query = QueryHelpers.ParseQuery(uri.Query);
        var prefix = uri.AbsolutePath[..^"/members/signin".Length];
        return $"{prefix}/members/signin/start?scope={query["scope"]}&returnUrl={Uri.EscapeDataString(query["returnUrl"]!)}";
    }

    [Fact]
    public async Task The_default_account_keeps_its_urls_and_signs_in_with_its_own_app_id()
    {
        using var browser = new MemberBrowser(_app, Person());

        var (authorize, start) = await AuthorizeUrlAsync(browser, "/members/me");

        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(PortalAppFactory.AppId, query["appid"]);
        Assert.Equal("http://localhost/members/oauth/callback", query["redirect_uri"]);
        Assert.Contains(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal-oauth=", StringComparison.Ordinal) && c.Contains("path=/members", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_under_an_account_prefix_signs_in_with_that_account_and_comes_back_under_it()
    {
        using var browser = new MemberBrowser(_app, Person());

        var (signIn, hops) = await browser.GoAsync($"/a/{Second}/members/me");
        Assert.StartsWith($"/a/{Second}/members/signin?", hops[1]);
        Assert.Contains($"returnUrl=%2Fa%2F{Second}%2Fmembers%2Fme", hops[1]);
        Assert.Contains($"data-start=\"/a/{Second}/members/signin/start", await signIn.Content.ReadAsStringAsync());

        var (authorize, start) = await AuthorizeUrlAsync(browser, $"/a/{Second}/members/me");
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(Second, query["appid"]);
        Assert.Equal($"http://localhost/a/{Second}/members/oauth/callback", query["redirect_uri"]);
        // The sign-in in progress belongs to this account's pages only.
        Assert.Contains(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith("portal-oauth=", StringComparison.Ordinal) && c.Contains($"path=/a/{Second}/members", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_of_the_default_account_is_not_signed_in_on_the_other_account_s_pages()
    {
        using var browser = new MemberBrowser(_app, Person());
        var (authorize, start) = await AuthorizeUrlAsync(browser, "/members/me");
        using var back = await browser.Http.GetAsync(authorize.PathAndQuery); // the sandbox's silent authorization
        var (me, _) = await browser.GoAsync(back.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("data-testid=\"points\"", await me.Content.ReadAsStringAsync());

        using var other = await browser.Http.GetAsync($"/a/{Second}/members/me");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith($"/a/{Second}/members/signin?", other.Headers.Location!.OriginalString);

        // Still signed in on the default account's pages: the session was not the other account's to end.
        using var again = await browser.Http.GetAsync("/members/me");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [InlineData("/a/wx0000000000000000/members/me")]
    [InlineData("/a/" + PortalAppFactory.SecondAppId + "/admin")]
    [InlineData("/a/" + PortalAppFactory.SecondAppId + "/sandbox/phone")]
    [InlineData("/a//members/me")]
    public async Task A_prefix_that_is_no_account_s_pages_is_not_found(string path)
    {
        using var response = await _app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_article_shared_from_an_account_s_pages_links_to_that_account_s_page()
    {
        using var editor = await AdminBrowser.SignedInAsync(_app, OperatorRole.Editor);
        // Articles are each account's: one written for the second account (the admin's account 2), one for the default.
        async Task<string> WriteAsync(string accountId)
        {
            using var saved = await editor.PostFormAsync("/admin/site/articles/edit", "/admin/site/articles/edit", new Dictionary<string, string>
            {
                ["Draft.Title"] = "开业", ["Draft.Summary"] = "摘要", ["Draft.BodyHtml"] = "<p>欢迎</p>", ["Draft.Published"] = "true", ["_account"] = accountId,
            });
            return saved.Headers.Location!.ToString().Split('/').Last();
        }
        var id = await WriteAsync("2");
        var defaultId = await WriteAsync("1");
        using var http = _app.CreateClient();

        var shared = await http.GetStringAsync($"/a/{Second}/articles/{id}");
        Assert.Contains($"name=\"portal:share-link\" content=\"http://localhost/a/{Second}/articles/{id}\"", shared);
        var sharedByDefault = await http.GetStringAsync($"/articles/{defaultId}");
        Assert.Contains($"name=\"portal:share-link\" content=\"http://localhost/articles/{defaultId}\"", sharedByDefault);
        // Neither account's page shows the other's article.
        using var elsewhere = await http.GetAsync($"/articles/{id}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Site_links_stay_under_the_page_s_account()
    {
        using var home = await _app.CreateClient().GetAsync($"/a/{Second}/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains($"href=\"/a/{Second}/articles\"", html);
        Assert.Contains($"href=\"/a/{Second}/contact\"", html);
    }
}
