using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Core.Site;
using Portal.Tests.AutoReplies;
using Portal.Tests.Infrastructure;
using Portal.Tests.Members;
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

namespace Portal.Tests.Hosting;

/// <summary>
/// Names and texts that would break out of a quoted script string or out of an attribute are saved
/// everywhere an operator or a follower can write, then a broad sample of pages (admin, H5, members,
/// sandbox, error pages) is fetched: none may carry an event-handler attribute or a script without src,
/// so that the Content-Security-Policy (script-src 'self', no 'unsafe-inline') costs no page anything.
/// </summary>
public sealed class NoInlineScriptTests
{
    private const string Hostile = "'+alert(1)+'\"><script>alert(2)</script><img src=x onerror=alert(3)>";

    [Fact]
    public async Task No_page_carries_inline_script_or_event_handlers_even_with_hostile_data()
    {
        await using var app = new PortalAppFactory();
        using var owner = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);
        var seeded = await SeedAsync(app, owner);

        var adminPages = new List<string>
        {
            "/admin", "/admin/rules", $"/admin/rules/edit/{seeded.RuleId}", "/admin/rules/edit", "/admin/menu", "/admin/menu/history",
            "/admin/menu/conditional", "/admin/members", "/admin/counter", "/admin/coupons", "/admin/membership", "/admin/inbox",
            "/admin/followers", $"/admin/followers/{seeded.FollowerOpenId}", "/admin/tags", "/admin/audit", "/admin/operators",
            "/admin/password", "/admin/site", "/admin/site/home", "/admin/site/articles", $"/admin/site/articles/edit/{seeded.ArticleId}",
            "/admin/site/pages", $"/admin/site/pages/edit/{seeded.PageId}", "/admin/site/media", $"/admin/site/preview/article/{seeded.ArticleId}",
            "/admin/rules?q=" + Uri.EscapeDataString(Hostile),
        };
        foreach (var url in adminPages)
            AssertNoInlineScript(url, await owner.GetPageAsync(url));

        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);
        using (var denied = await viewer.GetAsync("/admin/operators"))
            AssertNoInlineScript("/admin/operators as a viewer", await denied.Content.ReadAsStringAsync());

        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var publicPages = new[]
        {
            "/", "/articles", $"/articles/{seeded.ArticleId}", "/p/" + seeded.PageSlug, "/contact", "/admin/signin", "/no-such-page",
            "/articles/999999999", "/members/signin?returnUrl=" + Uri.EscapeDataString("/members/me?x=" + Hostile),
            "/members/signin/start?returnUrl=" + Uri.EscapeDataString("/members/me?x=" + Hostile), "/members/oauth/callback?state=x&code=y",
            "/sandbox/phone", "/sandbox/connect/oauth2/authorize?appid=" + Uri.EscapeDataString(Hostile),
            "/sandbox/connect/oauth2/authorize?appid=" + PortalAppFactory.AppId + "&redirect_uri=" + Uri.EscapeDataString("http://localhost/x") + "&response_type=code&scope=snsapi_base&state=" + Uri.EscapeDataString(Hostile),
        };
        foreach (var url in publicPages)
        {
            using var response = await anonymous.GetAsync(url);
            AssertNoInlineScript(url, await response.Content.ReadAsStringAsync());
        }

        using var member = new MemberBrowser(app, seeded.FollowerOpenId);
        var (signIn, _) = await member.GoAsync("/members/me");
        var (centre, _) = await member.GoAsync(MemberBrowser.StartFrom(signIn.RequestMessage!.RequestUri!.PathAndQuery));
        Assert.Equal(HttpStatusCode.OK, centre.StatusCode);
        foreach (var url in new[] { "/members/me", "/members/coupons", "/members/points", "/members/code", "/members/profile", "/members/phone" })
        {
            var (page, _) = await member.GoAsync(url);
            AssertNoInlineScript(url, await page.Content.ReadAsStringAsync());
        }
    }

    private sealed record Seeded(long RuleId, long ArticleId, long PageId, string PageSlug, string FollowerOpenId);

    private static async Task<Seeded> SeedAsync(PortalAppFactory app, AdminBrowser owner)
    {
        using (var rule = await owner.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text(Hostile, "contains", "hello", Hostile)))
            Assert.Equal(HttpStatusCode.Redirect, rule.StatusCode);
        using (var tag = await owner.PostFormAsync("/admin/tags", "/admin/tags?handler=Create", new() { ["name"] = "'+alert(1)+'" }))
            Assert.Equal(HttpStatusCode.Redirect, tag.StatusCode);
        var ruleId = (await app.Services.GetRequiredService<Portal.Core.AutoReplies.AutoReplyRuleStore>().ListAsync(TestAccounts.DefaultId)).Single(r => r.Name == Hostile).Id;

        var actor = AuditActor.Command("test");
        var editor = app.Services.GetRequiredService<SiteEditor>();
        var category = await editor.AddCategoryAsync(actor, TestAccounts.DefaultId, Hostile);
        var articleId = (await editor.SaveArticleAsync(actor, TestAccounts.DefaultId, new Article { Title = Hostile, Summary = Hostile, BodyHtml = $"<p>{Hostile}</p>", CategoryId = category, Published = true }))!.Value;
        var slug = "p" + Guid.NewGuid().ToString("N")[..8];
        var pageId = (await editor.SavePageAsync(actor, TestAccounts.DefaultId, new SitePage { Slug = slug, Title = Hostile, BodyHtml = Hostile })).Id!.Value;
        await editor.AddBannerAsync(actor, TestAccounts.DefaultId, new Banner { Title = Hostile, ImageUrl = "/media/a.png", Link = "/articles" });
        await editor.AddNavItemAsync(actor, TestAccounts.DefaultId, new NavItem { Label = Hostile, Link = "/contact" });
        await editor.SaveProfileAsync(actor, TestAccounts.DefaultId, SiteProfile.Empty with { SiteName = Hostile, Address = Hostile, Phone = Hostile, Intro = Hostile });
        await app.Services.GetRequiredService<Coupons>().CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = Hostile, AmountOffCents = 500, MinSpendCents = 3000, ValidDays = 30 });

        // A follower whose nickname and message are hostile: the inbox, follower page and member centre show them.
        var followerOpenId = app.FollowerWhoJustWrote(Hostile);
        var sandbox = app.Services.GetRequiredService<SandboxFollowers>();
        Assert.NotNull(sandbox.All().SingleOrDefault(f => f.OpenId == followerOpenId));
        using var message = await WeChatPush.For(app).PostAsync(InboundXml.Text(followerOpenId, Hostile));
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        return new Seeded(ruleId, articleId, pageId, slug, followerOpenId);
    }

    private static void AssertNoInlineScript(string url, string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{url}: <{element.LocalName} {attribute.Name}=\"{attribute.Value}\">");
            if (element.LocalName != "script" || element.HasAttribute("src"))
                continue;
            Assert.True(element.GetAttribute("type") == "application/json", $"{url}: inline <script>{element.TextContent}</script>");
            // A data block ends at the first "</script": its JSON must escape '<'.
            Assert.DoesNotContain("<", element.TextContent, StringComparison.Ordinal);
        }
    }
}
