using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.AutoReplies;
using Portal.Core.Platform;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;
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

    [Fact]
    public async Task News_and_template_cards_keep_their_height_once_the_chat_scrolls()
    {
        await using var app = new KestrelPortalApp();
        app.Settings["Sandbox:StarterKit"] = "true";
        app.Start();
        var (page, openId) = await FollowOnThePhoneAsync(app);
        var chat = page.GetByTestId("chat");

        // More lines than the phone's screen holds, sent as the page's script sends them.
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        for (var i = 1; i <= 12; i++)
            (await http.PostAsJsonAsync($"sandbox/phone/api/followers/{openId}/messages", new { text = $"message {i}" })).EnsureSuccessStatusCode();
        await Expect(chat).ToContainTextAsync("message 12");
        Assert.True(await chat.EvaluateAsync<bool>("c => c.scrollHeight > c.clientHeight + 200"), "the chat should be taller than the phone's screen");

        await page.GetByTestId("menu").GetByRole(AriaRole.Button, new() { Name = "Today" }).ClickAsync();
        var news = chat.Locator("li.card[data-kind=news]").Last;
        await Expect(news).ToContainTextAsync("Today's special");

        var broker = app.Services.GetRequiredService<AccessTokenBroker>();
        var templates = app.Services.GetRequiredService<TemplateClient>();
        await broker.CallAsync(app.Services.DefaultAccount(), (token, ct) => templates.SendAsync(token, new TemplateMessage
        {
            ToUser = openId,
            TemplateId = SandboxTemplates.PointsChanged,
            Url = new Uri(app.BaseUrl, "members/me").ToString(),
            Data = new Dictionary<string, TemplateValue> { ["keyword1"] = new("+20"), ["keyword2"] = new("320"), ["keyword3"] = new("Check-in") },
        }, ct));
        var template = chat.Locator("li.card[data-kind=template]").Last;
        await Expect(template).ToContainTextAsync("积分变动提醒");

        foreach (var card in new[] { news, template })
        {
            await card.ScrollIntoViewIfNeededAsync();
            var box = await card.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Height >= 40, $"a card is {box.Height}px high");
            await Expect(card.Locator(".title")).ToBeVisibleAsync();
        }
        await Expect(template.Locator(".desc")).ToContainTextAsync("当前积分：320");
        await Infrastructure.Browser.ScreenshotAsync(page, "sandbox-phone-cards-after-scrolling.png");
    }

    [Fact]
    public async Task Links_in_a_text_reply_are_links_and_anything_else_stays_text()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        await app.Services.GetRequiredService<AutoReplyRuleStore>().AddAsync(TestAccounts.DefaultId, new AutoReplyRule
        {
            Name = "Links",
            Trigger = RuleTrigger.Contains,
            Pattern = "links",
            Reply = new TextReply(
                "Open <a href=\"/members/me\">your card</a>\nor <a href='https://example.com/a?b=1&amp;c=2'>our shop</a>.\n"
                + "Not <a href=\" JavaScript:alert(1)\">this one</a>, nor <b>bold</b> & <img src=x onerror=alert(2)>."),
        });
        var (page, _) = await FollowOnThePhoneAsync(app);
        var chat = page.GetByTestId("chat");

        await page.GetByTestId("message").FillAsync("links please");
        await page.GetByTestId("send").ClickAsync();
        var reply = chat.Locator("li[data-kind=text]", new() { HasText = "your card" });
        await Expect(reply).ToBeVisibleAsync();

        var links = reply.Locator("a");
        await Expect(links).ToHaveCountAsync(2);
        await Expect(links.Nth(0)).ToHaveTextAsync("your card");
        await Expect(links.Nth(0)).ToHaveAttributeAsync("href", "/members/me");
        await Expect(links.Nth(1)).ToHaveTextAsync("our shop");
        await Expect(links.Nth(1)).ToHaveAttributeAsync("href", "https://example.com/a?b=1&c=2");
        // What is not an allowed link is shown as typed, and the newlines stay.
        var text = await reply.InnerTextAsync();
        Assert.Contains("<a href=\" JavaScript:alert(1)\">this one</a>", text);
        Assert.Contains("<b>bold</b> & <img src=x onerror=alert(2)>", text);
        Assert.Contains("your card\nor our shop", text);
        Assert.Equal(0, await reply.Locator("b, img").CountAsync());

        await links.Nth(0).ClickAsync();
        await Expect(page.FrameLocator("#browser-frame").GetByTestId("points")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_news_card_whose_address_is_not_a_web_link_opens_nothing()
    {
        // Portal refuses such addresses when an operator saves them; the phone must not trust what arrives either
        // (a rule written straight to the table, another client of the sandbox).
        await using var app = new KestrelPortalApp();
        app.Start();
        await app.Services.GetRequiredService<AutoReplyRuleStore>().AddAsync(TestAccounts.DefaultId, new AutoReplyRule
        {
            Name = "Cards",
            Trigger = RuleTrigger.Contains,
            Pattern = "cards",
            Reply = new NewsReply([
                new NewsArticle("Hostile card", "", "", " JavaScript:alert(1)"),
                new NewsArticle("Member card", "", "", "/members/me"),
            ]),
        });
        var (page, _) = await FollowOnThePhoneAsync(app);

        await page.GetByTestId("message").FillAsync("cards please");
        await page.GetByTestId("send").ClickAsync();
        var card = page.GetByTestId("chat").Locator("li.card", new() { HasText = "Hostile card" });
        await Expect(card).ToBeVisibleAsync();

        await Expect(card.Locator("a", new() { HasText = "Hostile card" })).ToHaveAttributeAsync("href", "#");
        await Expect(card.Locator("a", new() { HasText = "Member card" })).ToHaveAttributeAsync("href", "/members/me");
        await card.Locator("a", new() { HasText = "Hostile card" }).ClickAsync();
        await Expect(page.Locator("#browser")).ToBeHiddenAsync();
        await card.Locator("a", new() { HasText = "Member card" }).ClickAsync();
        await Expect(page.FrameLocator("#browser-frame").GetByTestId("points")).ToBeVisibleAsync();
    }

    /// <summary>Opens the phone page, makes a follower there and follows; returns the page and their OpenID.</summary>
    private async Task<(IPage Page, string OpenId)> FollowOnThePhoneAsync(KestrelPortalApp app)
    {
        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 860 } });
        await page.GotoAsync(new Uri(app.BaseUrl, "sandbox/phone").ToString());
        await page.GetByTestId("new-follower-name").FillAsync("Lin");
        await page.GetByTestId("new-follower").ClickAsync();
        await Expect(page.GetByTestId("follower")).ToContainTextAsync("Lin (not following)");
        await page.GetByTestId("follow").ClickAsync();
        await Expect(page.GetByTestId("unfollow")).ToBeEnabledAsync();
        return (page, await page.GetByTestId("follower").InputValueAsync());
    }
}
