using Microsoft.Playwright;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// An owner's first minutes in Chromium: the first-run page, a keyword rule with article cards (the form
/// shows only that reply type's fields), the tester, a follower's message on the sandbox phone, and the
/// dashboard's Chart.js charts drawn from it.
/// </summary>
public sealed class AdminBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task An_owner_sets_up_the_admin_writes_a_rule_and_sees_it_answer()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseUrl, "admin").ToString());

        // Sent to sign in, which points to the first-run page.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Portal admin" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create the first owner" }).ClickAsync();
        await page.GetByLabel("Your name (for signing in)").FillAsync("李雷");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("a good long password");
        await page.GetByLabel("Password again").FillAsync("a good long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create owner and sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("李雷");

        await page.GetByRole(AriaRole.Link, new() { Name = "Auto-replies" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New rule" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Spring sale");
        await page.Locator("#trigger").SelectOptionAsync("contains");
        await Expect(page.Locator("#pattern-label")).ToHaveTextAsync("Text to look for (case is ignored)");
        await page.Locator("#pattern").FillAsync("促销");
        await page.Locator("#reply-type").SelectOptionAsync("news");
        await Expect(page.GetByLabel("Text to send")).ToBeHiddenAsync();
        await page.Locator("#a0-title").FillAsync("春季促销");
        await page.Locator("#a0-url").FillAsync("https://shop.example/spring");
        await page.Locator("#a0-desc").FillAsync("全场八折");
        await page.GetByTestId("test-value").FillAsync("有促销吗");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        await Expect(page.GetByTestId("test-result")).ToContainTextAsync("“Spring sale” answers: the message contains “促销”");
        await Expect(page.GetByTestId("test-result")).ToContainTextAsync("this rule, not saved yet");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-rule-form.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create rule" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "rule.created");
        await Expect(page.GetByTestId("rules")).ToContainTextAsync("春季促销");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-rules.png");

        // A follower asks; the rule answers.
        var push = WeChatPush.For(app, new HttpClient { BaseAddress = app.BaseUrl });
        var openId = InboundXml.NewOpenId();
        using (await push.PostAsync(InboundXml.Event(openId, "subscribe"))) { }
        using var response = await push.PostAsync(InboundXml.Text(openId, "请问有促销吗?"));
        var reply = await push.ReplyOfAsync(response);
        Assert.Equal("春季促销", reply!.Element("Articles")!.Element("item")!.Element("Title")!.Value);

        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByTestId("followers-now")).ToHaveTextAsync("1");
        // Chart.js came from npm through the build and drew both charts.
        // The charts are drawn by a deferred script after the figures are on the page: wait for them, not for time.
        await page.WaitForFunctionAsync("() => typeof Chart !== 'undefined' && !!Chart.getChart('followers-chart') && !!Chart.getChart('messages-chart')");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-dashboard.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Expect(page.GetByTestId("audit")).ToContainTextAsync("Auto-reply rule");
        await Expect(page.GetByTestId("audit")).ToContainTextAsync("create first owner");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-audit.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Operators" }).ClickAsync();
        await page.Locator("#new-name").FillAsync("hanmeimei");
        await page.Locator("#new-role").SelectOptionAsync("viewer");
        await page.Locator("#new-password").FillAsync("another long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add operator" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "operator.created");
        await Expect(page.GetByTestId("operators")).ToContainTextAsync("hanmeimei");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-operators.png");

        // The viewer sees the rules and the tester, but no way to change them.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("hanmeimei");
        await page.GetByLabel("Password").FillAsync("another long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Auto-replies" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New rule" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operators" })).ToHaveCountAsync(0);
    }
}
