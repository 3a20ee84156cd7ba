using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// Every answer a browser gets (admin, member, site, sandbox, not found, failed) carries nosniff, a
/// Referrer-Policy, a CSP without inline script and same-origin framing; admin and member pages are
/// never stored. The webhook's fast path is left alone.
/// </summary>
public sealed class SecurityHeadersTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/admin/signin", HttpStatusCode.OK, "no-referrer", true)]
    [InlineData("/admin/members/1", HttpStatusCode.Redirect, "no-referrer", true)] // to sign-in
    [InlineData("/members/me?name=张三", HttpStatusCode.Redirect, "no-referrer", true)] // to WeChat sign-in
    [InlineData("/members/signin?returnUrl=/members/me", HttpStatusCode.OK, "no-referrer", true)]
    [InlineData("/", HttpStatusCode.OK, "strict-origin-when-cross-origin", false)]
    [InlineData("/articles", HttpStatusCode.OK, "strict-origin-when-cross-origin", false)]
    [InlineData("/sandbox/phone", HttpStatusCode.OK, "no-referrer", false)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound, "strict-origin-when-cross-origin", false)]
    [InlineData("/admin/no-such-page", HttpStatusCode.NotFound, "no-referrer", true)]
    public async Task Each_kind_of_page_carries_the_headers(string url, HttpStatusCode status, string referrerPolicy, bool neverStored)
    {
        using var http = Browser();
        using var response = await http.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        AssertBrowserHeaders(response, referrerPolicy);
        Assert.Equal(neverStored, response.Headers.CacheControl?.NoStore == true);
    }

    [Fact]
    public async Task A_failing_page_answers_a_plain_500_with_the_headers_and_no_stack_trace()
    {
        await using var failing = new PortalAppFactory();
        using var http = failing.CreateClient();
        var db = failing.Services.GetRequiredService<DbConnectionFactory>();
        await using (var connection = await db.OpenAsync())
            await connection.ExecuteAsync("ALTER TABLE operators RENAME TO operators_away");

        using var response = await http.GetAsync("/admin/signin");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertBrowserHeaders(response, "no-referrer");
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", body);
        Assert.DoesNotContain("operators", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task The_sandbox_phone_may_open_other_sites_in_its_in_chat_browser_and_other_pages_may_not_frame_them()
    {
        using var http = Browser();
        using var phone = await http.GetAsync("/sandbox/phone");
        using var site = await http.GetAsync("/");

        Assert.Contains("frame-src 'self' https: http:", Csp(phone));
        Assert.DoesNotContain("frame-src", Csp(site)); // default-src 'self': same-origin frames only
    }

    [Fact]
    public async Task Fingerprinted_admin_scripts_and_styles_keep_their_cache()
    {
        using var http = Browser();
        using var css = await http.GetAsync("/admin/admin.css");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("nosniff", Single(css, "X-Content-Type-Options"));
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_webhook_answers_without_page_headers()
    {
        using var http = Browser();
        using var response = await http.GetAsync("/wx?signature=x&timestamp=1&nonce=2&echostr=3");

        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    internal static void AssertBrowserHeaders(HttpResponseMessage response, string referrerPolicy)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("SAMEORIGIN", Single(response, "X-Frame-Options"));
        Assert.Equal(referrerPolicy, Single(response, "Referrer-Policy"));
        var csp = Csp(response);
        foreach (var directive in new[] { "default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'self'" })
            Assert.Contains(directive, csp);
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self' https://res.wx.qq.com", scripts);
    }

    private static string Csp(HttpResponseMessage response) => Single(response, "Content-Security-Policy");

    private static string Single(HttpResponseMessage response, string header)
    {
        Assert.True(response.Headers.TryGetValues(header, out var values), $"{response.RequestMessage!.RequestUri} has no {header}");
        return Assert.Single(values);
    }
}
