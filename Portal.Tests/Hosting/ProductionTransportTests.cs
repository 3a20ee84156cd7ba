using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Web.Members;

namespace Portal.Tests.Hosting;

/// <summary>
/// In Production every cookie is Secure, also when TLS ends at a proxy and Portal sees plain http, and
/// HTTPS answers carry HSTS. Development over http keeps working without TLS.
/// </summary>
public sealed class ProductionTransportTests
{
    private static PortalAppFactory Production()
    {
        var app = new PortalAppFactory { Environment = "Production" };
        app.Settings["Sandbox:Enabled"] = "false";
        app.Settings["WeChat:ApiBaseUrl"] = "https://api.weixin.qq.com/";
        // Required in Production. Plain http here, so that only the tests that say https get its effects.
        app.Settings["Portal:PublicBaseUrl"] = "http://portal.example/";
        return app;
    }

    private static HttpClient Browser(PortalAppFactory app, string baseUrl) => app.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(baseUrl),
        AllowAutoRedirect = false,
        HandleCookies = false,
    });

    private static string Cookie(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), $"{response.RequestMessage!.RequestUri} set no cookie");
        return Assert.Single(cookies, c => c.StartsWith(name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://portal.example")]
    [InlineData("http://portal.example")] // TLS ended at a proxy
    public async Task Every_cookie_is_secure_in_production(string baseUrl)
    {
        await using var app = Production();
        using var http = Browser(app, baseUrl);

        // The antiforgery cookie, from the sign-in form.
        using var form = await http.GetAsync("/admin/signin");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("secure", Cookie(form, ".AspNetCore.Antiforgery."), StringComparison.OrdinalIgnoreCase);

        // The operator's cookie, once signed in.
        await AdminBrowser.CreateOperatorAsync(app, "prodowner", OperatorRole.Owner);
        using var signedIn = await SignInAsync(http, "prodowner", AdminBrowser.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", Cookie(signedIn, "portal.operator="), StringComparison.OrdinalIgnoreCase);

        // The OAuth state cookie, when a follower in WeChat starts signing in.
        using var start = new HttpRequestMessage(HttpMethod.Get, "/members/signin/start?returnUrl=/members/me");
        start.Headers.UserAgent.ParseAdd("Mozilla/5.0 (iPhone) MicroMessenger/8.0.50");
        using var toWeChat = await http.SendAsync(start);
        Assert.Equal(HttpStatusCode.Redirect, toWeChat.StatusCode);
        Assert.Contains("secure", Cookie(toWeChat, "portal-oauth="), StringComparison.OrdinalIgnoreCase);

        // The member's cookie is issued only after a real WeChat sign-in: its options say Secure.
        var member = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(MemberAuthentication.Scheme);
        Assert.Equal(CookieSecurePolicy.Always, member.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Https_answers_in_production_carry_hsts()
    {
        await using var app = Production();
        using var https = Browser(app, "https://portal.example");
        using var http = Browser(app, "http://portal.example");

        using var secure = await https.GetAsync("/admin/signin");
        using var plain = await http.GetAsync("/admin/signin");

        Assert.StartsWith("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security")); // meaningless over http, as the standard says
        SecurityHeadersTests.AssertBrowserHeaders(secure, "no-referrer");
    }

    [Fact]
    public async Task Behind_a_proxy_that_ends_tls_an_https_public_address_still_gets_hsts()
    {
        await using var app = Production();
        app.Settings["Portal:PublicBaseUrl"] = "https://portal.example/";
        using var http = Browser(app, "http://portal.example");

        using var page = await http.GetAsync("/");

        Assert.StartsWith("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task An_https_public_address_makes_cookies_secure_outside_production_too()
    {
        await using var app = new PortalAppFactory { Environment = "Staging" };
        app.Settings["Portal:PublicBaseUrl"] = "https://portal.example/";
        using var http = Browser(app, "http://portal.example"); // TLS ended at a proxy

        using var form = await http.GetAsync("/admin/signin");

        Assert.Contains("secure", Cookie(form, ".AspNetCore.Antiforgery."), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Development_over_plain_http_keeps_cookies_usable_without_tls()
    {
        await using var app = new PortalAppFactory { Environment = "Development" };
        using var http = Browser(app, "http://localhost");

        using var form = await http.GetAsync("/admin/signin");

        Assert.DoesNotContain("secure", Cookie(form, ".AspNetCore.Antiforgery."), StringComparison.OrdinalIgnoreCase);
        Assert.False(form.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>
    /// Signs in carrying the antiforgery cookie by hand: a cookie jar would rightly keep a Secure cookie
    /// from an http address, which is what a browser sees of a proxy that ends TLS.
    /// </summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient http, string name, string password)
    {
        using var form = await http.GetAsync("/admin/signin");
        var page = await form.Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(token.Success);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = name,
                ["Password"] = password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }),
        };
        post.Headers.Add("Cookie", Cookie(form, ".AspNetCore.Antiforgery.").Split(';')[0]);
        return await http.SendAsync(post);
    }
}
