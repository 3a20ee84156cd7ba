using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// Absolute URLs come from Portal:PublicBaseUrl, never from the Host header a client sends; only the public
/// host is answered unless AllowedHosts says otherwise; forwarded headers count only from listed proxies.
/// </summary>
public sealed class PublicAddressTests
{
    private const string InWeChat = "Mozilla/5.0 (iPhone) MicroMessenger/8.0.50";

    private static HttpClient Client(PortalAppFactory app, string host) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{host}/"), AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpResponseMessage> StartSignInAsync(HttpClient http)
    {
        using var start = new HttpRequestMessage(HttpMethod.Get, "/members/signin/start?scope=snsapi_base&returnUrl=%2Fmembers%2Fme");
        start.Headers.UserAgent.ParseAdd(InWeChat);
        return await http.SendAsync(start);
    }

    [Fact]
    public async Task A_request_for_another_host_is_refused_before_any_page_sees_it()
    {
        await using var app = new PortalAppFactory();
        using var evil = Client(app, "evil.example");

        using var signIn = await StartSignInAsync(evil);
        using var jsSdk = await evil.GetAsync($"/jssdk/config?url={Uri.EscapeDataString("http://evil.example/page")}");

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(signIn.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, jsSdk.StatusCode);
        using var home = await Client(app, "localhost").GetAsync("/members/signin/start?returnUrl=%2F");
        Assert.NotEqual(HttpStatusCode.BadRequest, home.StatusCode);
    }

    [Fact]
    public async Task With_every_host_allowed_a_spoofed_host_still_gets_the_public_address_and_no_signature()
    {
        await using var app = new PortalAppFactory();
        app.Settings["AllowedHosts"] = "*";
        app.Settings["Portal:PublicBaseUrl"] = "https://portal.example/";
        using var evil = Client(app, "evil.example");

        using var toWeChat = await StartSignInAsync(evil);
        var redirectUri = QueryHelpers.ParseQuery(toWeChat.Headers.Location!.Query)["redirect_uri"].ToString();
        using var evilPage = await evil.GetAsync($"/jssdk/config?url={Uri.EscapeDataString("https://evil.example/page")}");
        using var ownPage = await evil.GetAsync($"/jssdk/config?url={Uri.EscapeDataString("https://portal.example/articles/1")}");

        Assert.Equal("https://portal.example/members/oauth/callback", redirectUri);
        Assert.Equal(HttpStatusCode.BadRequest, evilPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
    }

    [Fact]
    public async Task Outside_wechat_the_link_to_open_names_the_public_address()
    {
        await using var app = new PortalAppFactory();
        app.Settings["AllowedHosts"] = "*";
        app.Settings["Portal:PublicBaseUrl"] = "https://portal.example/";

        using var page = await Client(app, "evil.example").GetAsync("/members/signin/start?returnUrl=%2Fmembers%2Fme");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Contains("https://portal.example/members/me", html);
        Assert.DoesNotContain("evil.example", html);
    }

    [Fact]
    public async Task Template_message_links_lead_to_the_member_centre_on_the_public_address()
    {
        await using var app = new PortalAppFactory();
        app.Settings["Portal:PublicBaseUrl"] = "https://portal.example/shop/";

        var membership = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IOptions<Portal.Core.Members.MembershipOptions>>(app.Services).Value;

        Assert.Equal("https://portal.example/shop/members/me", membership.MemberCentreUrl);
    }

    [Theory]
    [InlineData(null, "Portal:PublicBaseUrl")]
    [InlineData("portal.example", "Portal:PublicBaseUrl")]
    [InlineData("ftp://portal.example/", "Portal:PublicBaseUrl")]
    [InlineData("https://portal.example/?a=b", "Portal:PublicBaseUrl")]
    public async Task Production_needs_a_valid_public_address(string? value, string named)
    {
        await using var app = new PortalAppFactory { Environment = "Production" };
        app.Settings["Sandbox:Enabled"] = "false";
        app.Settings["WeChat:ApiBaseUrl"] = "https://api.weixin.qq.com/";
        app.Settings["Portal:PublicBaseUrl"] = value;

        var error = Assert.IsType<OptionsValidationException>(Record.Exception(() => app.CreateClient()));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task A_proxy_address_that_is_not_an_address_stops_startup()
    {
        await using var app = new PortalAppFactory();
        app.Settings["Portal:KnownProxies:0"] = "proxy.internal";

        var error = Assert.IsType<OptionsValidationException>(Record.Exception(() => app.CreateClient()));
        Assert.Contains("Portal:KnownProxies", error.Message);
    }

    [Theory]
    [InlineData("198.51.100.7", false)]   // not a listed proxy: its X-Forwarded-Proto is ignored
    [InlineData("10.1.2.3", true)]        // inside Portal:KnownNetworks
    [InlineData("192.0.2.10", true)]      // in Portal:KnownProxies
    public async Task Forwarded_headers_count_only_from_listed_proxies(string peer, bool believed)
    {
        await using var app = new PortalAppFactory { Environment = "Development" }.WithPeerAddresses();
        app.Settings["Portal:KnownProxies:0"] = "192.0.2.10";
        app.Settings["Portal:KnownNetworks:0"] = "10.0.0.0/8";
        using var http = Client(app, "localhost");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin").From(peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.50");
        using var form = await http.SendAsync(request);

        // Over plain http in Development cookies are not Secure; through a believed TLS-ending proxy they are.
        var cookie = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Equal(believed, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // the framework's switch that would otherwise believe every sender
    public async Task With_no_proxies_listed_forwarded_headers_from_anyone_are_ignored(bool frameworkSwitch)
    {
        await using var app = new PortalAppFactory { Environment = "Development" }.WithPeerAddresses();
        if (frameworkSwitch)
            app.Settings["FORWARDEDHEADERS_ENABLED"] = "true";
        using var http = Client(app, "localhost");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin").From("127.0.0.1");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var form = await http.SendAsync(request);

        var cookie = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
