using Microsoft.Playwright;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A follower's H5 journey in Chromium, starting from the sandbox phone's menu: the home page in the
/// in-chat browser, an article, the member centre after web authorization, a check-in, a phone bound with
/// the code the sandbox's SMS shows, and the member QR code. Screenshots are taken at phone size.
/// </summary>
public sealed class MemberJourneyBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task A_follower_opens_the_site_from_the_menu_signs_in_checks_in_binds_a_phone_and_shows_the_member_code()
    {
        await using var app = new KestrelPortalApp();
        app.Settings["Sandbox:StarterKit"] = "true";
        app.Start();
        await using var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 860 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseUrl, "sandbox/phone").ToString());
        await page.GetByTestId("new-follower-name").FillAsync("小明 Ming");
        await page.GetByTestId("new-follower").ClickAsync();
        await Expect(page.GetByTestId("follower")).ToContainTextAsync("小明 Ming");
        await page.GetByTestId("follow").ClickAsync();
        await Expect(page.GetByTestId("chat")).ToContainTextAsync("欢迎关注!");

        // The menu's "Our site" opens the home page in the in-chat browser.
        var menu = page.GetByTestId("menu");
        await menu.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Our site" }).ClickAsync();
        var inChat = page.FrameLocator("#browser-frame");
        await Expect(inChat.Locator("body")).ToContainTextAsync("Sandbox Café");

        // The same pages, at phone size, in a second tab of the same browser (the follower's cookies).
        var phone = await context.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl.ToString());
        await Infrastructure.Browser.ScreenshotAsync(phone, "h5-home.png");
        await phone.GetByText("Welcome to the Sandbox Café").First.ClickAsync();
        await Expect(phone.Locator("body")).ToContainTextAsync("Check in every day for points");
        await Infrastructure.Browser.ScreenshotAsync(phone, "h5-article.png");

        // The member centre signs the follower in through the sandbox's web authorization, silently.
        await phone.GotoAsync(new Uri(app.BaseUrl, "members/me").ToString());
        await Expect(phone.GetByTestId("points")).ToHaveTextAsync("0");
        await phone.GetByTestId("check-in").ClickAsync();
        await Expect(phone.GetByTestId("points")).ToHaveTextAsync("5");
        await Expect(phone.GetByTestId("checked-in")).ToBeVisibleAsync();
        await Infrastructure.Browser.ScreenshotAsync(phone, "h5-member-centre.png");

        // Binding a phone: the code arrives as a text on the sandbox phone page.
        await phone.GetByTestId("phone-link").ClickAsync();
        await phone.GetByTestId("phone").FillAsync("13800138000");
        await phone.GetByTestId("send-code").ClickAsync();
        await Expect(phone.GetByTestId("notice")).ToContainTextAsync("验证码已发送");
        await Expect(page.GetByTestId("texts")).ToContainTextAsync("+8613800138000", new() { Timeout = 10_000 });
        var text = await page.GetByTestId("texts").Locator("li").First.InnerTextAsync();
        var code = System.Text.RegularExpressions.Regex.Match(text, @"验证码 (\d{6})").Groups[1].Value;
        await phone.GetByTestId("code").FillAsync(code);
        await phone.GetByTestId("bind").ClickAsync();
        await Expect(phone.GetByTestId("notice")).ToContainTextAsync("绑定成功");

        // The member code, drawn as a QR code for the counter.
        await phone.GotoAsync(new Uri(app.BaseUrl, "members/code").ToString());
        await Expect(phone.GetByTestId("member-qr").Locator("svg")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("member-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{12}$"));
        await Infrastructure.Browser.ScreenshotAsync(phone, "h5-member-code.png");
    }
}
