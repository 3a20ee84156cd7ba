using Microsoft.Playwright;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A follower sends 600 characters without a space: the follower's page and the inbox still fit a
/// desktop window (the text wraps), rather than growing thousands of pixels wide.
/// </summary>
public sealed class LongTextBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task A_long_unbroken_message_wraps_on_the_follower_page_and_in_the_inbox()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        await AdminBrowser.CreateOperatorAsync(app, "lilei", OperatorRole.Editor);
        var push = WeChatPush.For(app, new HttpClient { BaseAddress = app.BaseUrl });
        var openId = InboundXml.NewOpenId();
        var message = string.Concat(Enumerable.Repeat("长消息x", 150));
        using (await push.PostAsync(InboundXml.Event(openId, "subscribe"))) { }
        using (await push.PostAsync(InboundXml.Text(openId, message))) { }
        using (await push.PostAsync(InboundXml.Text(openId, new string('w', 600)))) { }

        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await page.GotoAsync(new Uri(app.BaseUrl, "admin/signin").ToString());
        await page.GetByLabel("Name").FillAsync("lilei");
        await page.GetByLabel("Password").FillAsync(AdminBrowser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        foreach (var url in new[] { $"admin/followers/{openId}", "admin/inbox", "admin/inbox?unanswered=true" })
        {
            await page.GotoAsync(new Uri(app.BaseUrl, url).ToString());
            await Expect(page.Locator("main")).ToContainTextAsync(new string('w', 600));
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (scroll, inner) = (widths[0], widths[1]);
            Assert.True(scroll <= inner, $"/{url} is {scroll} px wide in a {inner} px window");
        }
    }
}
