using Microsoft.Playwright;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The phone page opened in Chromium on an instance that does not play WeChat: its page, script, styles
/// and every action are the platform's, forwarded, and the in-chat browser signs the follower in through
/// the platform's authorize page, reached at the public address like every page the frame shows.
/// </summary>
public sealed class SandboxPhoneOnAnotherInstanceBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task A_follower_on_the_second_instance_s_phone_page_follows_chats_and_opens_the_member_centre()
    {
        // The second instance is where followers reach Portal (its public address), as a balancer would be;
        // the first plays WeChat and handles the webhook.
        await using var platform = new KestrelPortalApp();
        await using var other = new KestrelPortalApp();
        foreach (var app in new[] { platform, other })
            app.Settings["Portal:PublicBaseUrl"] = other.BaseUrl.ToString();
        platform.Settings["Sandbox:StarterKit"] = "true";
        platform.Start();
        other.Settings["Sandbox:SelfUrl"] = platform.BaseUrl.ToString();
        other.Settings["WeChat:ApiBaseUrl"] = new Uri(platform.BaseUrl, "sandbox/").ToString();
        other.Start();
        var page = await browser.Chromium.NewPageAsync();
        await page.GotoAsync(new Uri(other.BaseUrl, "sandbox/phone").ToString());

        await Expect(page.GetByTestId("platform")).ToContainTextAsync(platform.BaseUrl.ToString());
        await page.GetByTestId("new-follower-name").FillAsync("小红 Hong");
        await page.GetByTestId("new-follower").ClickAsync();
        await page.GetByTestId("follow").ClickAsync();
        var chat = page.GetByTestId("chat");
        await Expect(chat).ToContainTextAsync("欢迎关注!");
        await page.GetByTestId("message").FillAsync("opening hours?");
        await page.GetByTestId("send").ClickAsync();
        await Expect(chat).ToContainTextAsync("We are open 9:00–18:00");

        var menu = page.GetByTestId("menu");
        await menu.GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await menu.GetByRole(AriaRole.Button, new() { Name = "Member centre" }).ClickAsync();
        var inChat = page.FrameLocator("#browser-frame");
        await Expect(inChat.GetByTestId("points")).ToBeVisibleAsync();
        // The profile asks for snsapi_userinfo: the platform's consent page shows in the frame too.
        await inChat.GetByText("个人资料 Profile").ClickAsync();
        await inChat.GetByRole(AriaRole.Button, new() { Name = "允许 Allow" }).ClickAsync();
        await Expect(inChat.Locator("body")).ToContainTextAsync("小红 Hong");
        Assert.StartsWith(other.BaseUrl.ToString(), page.Url);
    }
}
