using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Operators;
using Portal.Core.Site;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>The site on a phone-sized Chromium: the home page with its grid and featured article, then the article.</summary>
public sealed class SiteBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task A_follower_opens_the_home_page_and_an_article()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        var editor = app.Services.GetRequiredService<SiteEditor>();
        var actor = AuditActor.Command("test");
        await editor.SaveProfileAsync(actor, TestAccounts.DefaultId, new SiteProfile { SiteName = "晨光咖啡", Intro = "每天早上七点开门", Address = "北京市朝阳区建国路 88 号", Phone = "010-8888 0000", OpeningHours = "周一至周五 7:00–21:00\n周末 8:00–22:00" });
        foreach (var (label, link) in new[] { ("关于我们", "/p/about"), ("文章", "/articles"), ("联系我们", "/contact"), ("菜单", "/p/menu") })
            await editor.AddNavItemAsync(actor, TestAccounts.DefaultId, new NavItem { Label = label, Link = link });
        var id = (await editor.SaveArticleAsync(actor, TestAccounts.DefaultId, new Article
        {
            Title = "新品：桂花拿铁", Summary = "秋天的第一杯", Featured = true, Published = true,
            BodyHtml = "<h2>限时供应</h2><p>用<strong>金桂</strong>糖浆调制，温热或冰镇皆可。</p><ul><li>中杯 28 元</li><li>大杯 32 元</li></ul><blockquote>十月底前下单送曲奇。</blockquote><script>alert(1)</script>",
        }))!.Value;

        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        await page.GotoAsync(app.BaseUrl.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "晨光咖啡" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-grid")).ToContainTextAsync("关于我们");
        await Infrastructure.Browser.ScreenshotAsync(page, "site-home.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "新品：桂花拿铁" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseUrl, $"articles/{id}").ToString());
        await Expect(page.GetByTestId("article-body")).ToContainTextAsync("金桂");
        Assert.Equal(0, await page.Locator("article script").CountAsync());
        await Infrastructure.Browser.ScreenshotAsync(page, "site-article.png");
    }
}
