using Microsoft.Playwright;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A newcomer's first minutes, in Chromium: on the sandbox phone a follower follows, gets the greeting,
/// taps the menu, sends a keyword, receives the slow button's late answer through customer service, and
/// opens the member centre in the in-chat browser, signed in through web authorization.
/// </summary>
public sealed class SandboxPhoneBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task A_follower_walks_through_the_starter_account_on_the_phone_page()
    {
        await using var app = new KestrelPortalApp();
        app.Settings["Sandbox:StarterKit"] = "true";
        app.Settings["Messaging:HandlerDeadline"] = "00:00:01";
        app.Start();
        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 860 } });
        await page.GotoAsync(new Uri(app.BaseUrl, "sandbox/phone").ToString());

        await page.GetByTestId("new-follower-name").FillAsync("小明 Ming");
        await page.GetByTestId("new-follower").ClickAsync();
        await Expect(page.GetByTestId("follower")).ToContainTextAsync("小明 Ming (not following)");
        await page.GetByTestId("follow").ClickAsync();
        var chat = page.GetByTestId("chat");
        await Expect(chat).ToContainTextAsync("欢迎关注!");

        await page.GetByTestId("message").FillAsync("opening hours?");
        await page.GetByTestId("send").ClickAsync();
        await Expect(chat).ToContainTextAsync("We are open 9:00–18:00");

        var menu = page.GetByTestId("menu");
        await menu.GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();
        await Expect(chat.Locator("li.card")).ToContainTextAsync("Today's special");

        var slow = menu.GetByRole(AriaRole.Button, new() { Name = "Slow answer" });
        await Expect(slow).ToBeHiddenAsync(); // sub-buttons open only from their parent
        await menu.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await slow.ClickAsync();
        await Expect(slow).ToBeHiddenAsync();
        await Expect(chat).ToContainTextAsync("customer-service message", new() { Timeout = 15_000 });
        await Expect(chat).ToContainTextAsync("Sorry for the wait");

        await Infrastructure.Browser.ScreenshotAsync(page, "sandbox-phone.png");

        // A view button opens its page in the in-chat browser, which signs the follower in through web
        // authorization (the sandbox's authorize page knows who holds the phone).
        await menu.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Member centre" }).ClickAsync();
        var inChat = page.FrameLocator("#browser-frame");
        await Expect(inChat.GetByTestId("points")).ToBeVisibleAsync();
        await Infrastructure.Browser.ScreenshotAsync(page, "sandbox-phone-in-chat-browser.png");
    }
}
