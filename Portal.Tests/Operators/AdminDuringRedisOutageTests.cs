using System.Net;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Web.Pages.Admin;
using Portal.Web.Pages.Admin.Operators;

namespace Portal.Tests.Operators;

/// <summary>
/// What an operator sees while Redis, where sign-in attempts are counted, is down: a sign-in that says to try
/// again shortly rather than a page that hangs or lets guesses through uncounted, and a health check naming Redis.
/// </summary>
public sealed class AdminDuringRedisOutageTests
{
    [Fact]
    public async Task Sign_in_says_to_try_again_shortly_and_the_health_check_names_Redis()
    {
        await using var redis = await OwnRedisServer.StartAsync();
        await using var app = new PortalAppFactory();
        app.Settings["Redis:Configuration"] = redis.Configuration;
        app.Settings["Redis:KeyPrefix"] = TestServers.UniqueName("admin-outage") + ":";
        var name = "owner-" + Guid.NewGuid().ToString("N")[..8];
        await AdminBrowser.CreateOperatorAsync(app, name, OperatorRole.Owner);
        using var browser = new AdminBrowser(app);
        await browser.GetPageAsync("/admin/signin");

        await redis.KillAsync();
        using var signIn = await browser.SignInAsync(name, AdminBrowser.Password);
        using var health = await browser.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(SignInModel.StoreUnavailable), await signIn.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"failing\":[\"redis\"]", await health.Content.ReadAsStringAsync());
    }
}
