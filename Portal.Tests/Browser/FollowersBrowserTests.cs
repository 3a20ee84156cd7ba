using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Operators;
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
/// An editor in Chromium: syncs an account's followers from the sandbox, tags some from the list, opens
/// one, and answers a follower's message from the inbox; screenshots of each page for the README.
/// </summary>
public sealed class FollowersBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task An_editor_syncs_tags_and_answers_followers()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        var followers = app.Services.GetRequiredService<SandboxFollowers>();
        var seeded = followers.Seed(120, "Reader");
        var tags = app.Services.GetRequiredService<SandboxTags>();
        var vip = tags.Create("VIP").Tag!.Id;
        tags.Tag(vip, seeded.Take(12).Select(f => f.OpenId).ToList());
        followers.Find(seeded[3].OpenId)!.Remark = "王老师";
        await AdminBrowser.CreateOperatorAsync(app, "hanmeimei", OperatorRole.Editor);

        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseUrl, "admin/signin").ToString());
        await page.GetByLabel("Name").FillAsync("hanmeimei");
        await page.GetByLabel("Password").FillAsync(AdminBrowser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Followers" }).ClickAsync();
        await page.GetByTestId("sync").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "followers.sync-started");
        await Eventually.HoldsAsync(async () => await page.GetByTestId("sync-progress").GetAttributeAsync("data-status") == "finished", between: () => page.ReloadAsync());
        await Expect(page.GetByTestId("sync-progress")).ToContainTextAsync("120 followers");

        // Tag three from the list with the checkboxes.
        var boxes = page.GetByTestId("followers").Locator("input[type=checkbox]");
        for (var i = 0; i < 3; i++)
            await boxes.Nth(i).CheckAsync();
        await page.Locator("#batch-tag").SelectOptionAsync(new SelectOptionValue { Label = "VIP" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tag", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "followers.tagged");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-followers.png");

        await page.GetByLabel("Search").FillAsync("王");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = seeded[3].OpenId }).ClickAsync();
        await Expect(page.GetByTestId("follower-tags")).ToContainTextAsync("VIP");
        await Expect(page.GetByTestId("window")).ToContainTextAsync("closed");

        // A follower writes; the inbox shows it unanswered, and a reply goes out.
        var writer = followers.Create("李雷", InboundXml.NewOpenId());
        followers.Follow(writer, "spring-poster");
        var push = WeChatPush.For(app, new HttpClient { BaseAddress = app.BaseUrl });
        using (await push.PostAsync(InboundXml.Event(writer.OpenId, "subscribe", "qrscene_spring-poster"))) { }
        using (await push.PostAsync(InboundXml.Text(writer.OpenId, "你们几点开门?"))) { }
        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Eventually.HoldsAsync(async () => await page.GetByTestId("unanswered").CountAsync() > 0, between: () => page.ReloadAsync());
        await Expect(page.GetByTestId("inbox")).ToContainTextAsync("你们几点开门?");
        await page.GetByLabel($"Reply to {writer.OpenId}").FillAsync("早上九点到晚上九点。");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "inbox.reply-queued");
        await Eventually.HoldsAsync(async () => await page.GetByTestId("replies").Locator("[data-status=sent]").CountAsync() > 0, between: () => page.ReloadAsync());
        await Expect(page.GetByTestId("replies")).ToContainTextAsync("sent");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-inbox.png");

        await page.GetByRole(AriaRole.Link, new() { Name = writer.OpenId }).First.ClickAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("早上九点到晚上九点。");
        await Infrastructure.Browser.ScreenshotAsync(page, "admin-follower.png");
    }
}
