using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// A request naming no handler the page has is answered 400 or 405 on every page, instead of running the
/// page with nothing loaded (a NullReferenceException) or doing something the request did not ask for.
/// </summary>
public sealed class UnknownHandlerTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_post_to_a_page_that_only_shows_is_405_with_allow()
    {
        using var owner = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);

        using var dashboard = await owner.PostFormAsync("/admin", "/admin", []);
        using var named = await owner.PostFormAsync("/admin", "/admin?handler=Nope", []);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, named.StatusCode);
        Assert.Contains("GET", dashboard.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_post_without_a_handler_or_with_an_unknown_one_to_a_page_with_actions_is_400()
    {
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "小蓝", null), withProfile: true);
        using var owner = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);
        var page = $"/admin/members/{member.Id}";

        using var none = await owner.PostFormAsync(page, page, new() { ["delta"] = "5" });
        using var unknown = await owner.PostFormAsync(page, page + "?handler=Steal", new() { ["delta"] = "5" });
        using var unknownGet = await owner.GetAsync(page + "?handler=Nope");

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownGet.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(page)).StatusCode); // the page itself still shows
    }

    [Fact]
    public async Task A_post_to_a_followers_page_is_405()
    {
        using var anonymous = new AdminBrowser(app);

        using var home = await anonymous.PostFormAsync("/admin/signin", "/", []);
        using var articles = await anonymous.PostFormAsync("/admin/signin", "/articles", []);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, home.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, articles.StatusCode);
    }
}
