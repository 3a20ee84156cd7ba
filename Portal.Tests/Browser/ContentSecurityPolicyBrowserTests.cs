using Microsoft.Playwright;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Chromium enforcing Portal's Content-Security-Policy: the admin, the followers' pages, the member
/// centre and the sandbox phone load and run their script files, styles, images and frames, and hold no
/// inline handler, with no violation reported.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task Every_kind_of_page_works_under_the_policy_without_a_violation()
    {
        await using var app = new KestrelPortalApp();
        app.Settings["Sandbox:StarterKit"] = "true";
        app.Start();
        await AdminBrowser.CreateOperatorAsync(app, "csp-owner", OperatorRole.Owner);
        await using var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        var violations = new List<string>();
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add($"{message.Location}: {message.Text}");
        };
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseUrl, "admin/signin").ToString());
        await page.GetByLabel("Name").FillAsync("csp-owner");
        await page.GetByLabel("Password").FillAsync(AdminBrowser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("csp-owner");

        foreach (var path in new[]
        {
            "admin", "admin/rules", "admin/rules/edit", "admin/menu", "admin/menu/history", "admin/followers", "admin/inbox",
            "admin/site", "admin/site/home", "admin/site/articles", "admin/site/articles/edit", "admin/site/media", "admin/members", "admin/counter", "admin/coupons", "admin/membership", "admin/audit",
            "", "articles", "sandbox/phone",
        })
        {
            var response = await page.GotoAsync(new Uri(app.BaseUrl, path).ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
            Assert.True(response!.Ok, $"/{path} answered {response.Status}");
        }
        // Scripts did run: the dashboard's charts and the sandbox phone's follower list are drawn by them.
        await page.GotoAsync(new Uri(app.BaseUrl, "admin").ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(page.Locator("#followers-chart")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("height"));

        // The member centre, reached through web authorization (the sign-in page's script goes on to WeChat).
        await page.GotoAsync(new Uri(app.BaseUrl, "sandbox/phone").ToString());
        await page.GetByTestId("new-follower-name").FillAsync("小明");
        await page.GetByTestId("new-follower").ClickAsync();
        await page.GetByTestId("follow").ClickAsync();
        await Expect(page.GetByTestId("chat")).ToContainTextAsync("欢迎关注!");
        await page.GotoAsync(new Uri(app.BaseUrl, "members/me").ToString());
        await Expect(page.GetByTestId("points")).ToHaveTextAsync("0");
        await page.GotoAsync(new Uri(app.BaseUrl, "members/code").ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }
}
