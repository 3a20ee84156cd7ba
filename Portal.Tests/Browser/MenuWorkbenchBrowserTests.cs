using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Menus;
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
/// An editor builds a two-level menu on the workbench by dragging buttons about, runs into a limit and
/// sees it explained with Publish held back, publishes, watches a follower's phone pick the menu up,
/// then rolls back from the history and sees the phone follow.
/// </summary>
public sealed class MenuWorkbenchBrowserTests(Infrastructure.Browser browser) : IClassFixture<Infrastructure.Browser>
{
    [Fact]
    public async Task An_editor_builds_a_menu_by_drag_and_drop_publishes_it_and_rolls_it_back()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        await AdminBrowser.CreateOperatorAsync(app, "韩梅梅", OperatorRole.Editor);
        var context = await browser.Chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        var admin = await context.NewPageAsync();
        await admin.GotoAsync(new Uri(app.BaseUrl, "admin/signin").ToString());
        await admin.GetByLabel("Name").FillAsync("韩梅梅");
        await admin.GetByLabel("Password").FillAsync(AdminBrowser.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Menu", Exact = true }).ClickAsync();

        var verdict = admin.GetByTestId("verdict");
        var problems = admin.GetByTestId("problems");
        var publish = admin.GetByRole(AriaRole.Button, new() { Name = "Publish" });
        await Expect(problems.Locator($"li[data-code='{MenuErrorCodes.ButtonCount}']")).ToHaveCountAsync(1);
        await Expect(publish).ToBeDisabledAsync();

        // Three buttons, the second with two sub-buttons.
        await admin.GetByTestId("add-button").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Today");
        await admin.GetByLabel("Key").FillAsync("TODAY");
        await admin.GetByTestId("add-button").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("More");
        await admin.GetByTestId("add-sub-2").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Hours");
        await admin.GetByLabel("Key").FillAsync("HOURS");
        await admin.GetByTestId("add-sub-2").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Shop");
        await admin.GetByLabel("What it does").SelectOptionAsync("view");
        await Expect(admin.GetByLabel("Key")).ToBeHiddenAsync();
        await admin.Locator("#btn-url").FillAsync("https://shop.example/");
        await admin.GetByTestId("add-button").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("Help");
        await admin.GetByLabel("Key").FillAsync("HELP");

        // Drag "Hours" from More's sub-menu onto Help, which becomes a parent; then More to the front.
        await admin.GetByTestId("button-2").ClickAsync();
        await Expect(admin.GetByTestId("button-2-1")).ToHaveTextAsync("Hours");
        await DragAsync(admin, admin.GetByTestId("button-2-1"), admin.GetByTestId("button-3"));
        await Expect(admin.GetByTestId("button-3-1")).ToHaveTextAsync("Hours");
        await Expect(admin.GetByTestId("button-2-1")).ToHaveTextAsync("Shop");
        var topLevel = admin.Locator("#wb-bar > .wb-col > .wb-btn");
        await DragAsync(admin, admin.GetByTestId("button-2"), admin.GetByTestId("button-1"));
        await Expect(topLevel).ToHaveTextAsync(["More", "Today", "Help"]);
        // The same from the keyboard, for those without a pointer.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Move later" }).ClickAsync();
        await Expect(topLevel).ToHaveTextAsync(["Today", "More", "Help"]);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Move earlier" }).ClickAsync();
        await Expect(topLevel).ToHaveTextAsync(["More", "Today", "Help"]);
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Move earlier" })).ToBeDisabledAsync();
        await Expect(verdict).ToHaveAttributeAsync("data-verdict", "ok");

        // A name too long for a top-level button: counted as typed, explained by the server, Publish held.
        await admin.GetByTestId("button-2").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("今天的特别推荐");
        await Expect(admin.GetByTestId("name-bytes")).ToHaveTextAsync("21 / 16 bytes");
        await Expect(problems.Locator($"li[data-code='{MenuErrorCodes.ButtonNameSize}'][data-button='2']")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("button-2")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbad\b"));
        await Expect(publish).ToBeDisabledAsync();
        await Infrastructure.Browser.ScreenshotAsync(admin, "menu-workbench.png");

        await admin.GetByLabel("Name").FillAsync("今日");
        await Expect(admin.GetByTestId("name-bytes")).ToHaveTextAsync("6 / 16 bytes");
        await Expect(verdict).ToHaveAttributeAsync("data-verdict", "ok");
        await publish.ClickAsync();
        await Expect(admin.GetByTestId("publish-result")).ToHaveAttributeAsync("data-outcome", "published");
        await Expect(admin.GetByTestId("publish-result")).ToHaveAttributeAsync("data-version", "1");

        // A follower's phone, in the same browser.
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(new Uri(app.BaseUrl, "sandbox/phone").ToString());
        await phone.GetByTestId("new-follower-name").FillAsync("小红");
        await phone.GetByTestId("new-follower").ClickAsync();
        await phone.GetByTestId("follow").ClickAsync();
        var phoneMenu = phone.GetByTestId("menu");
        await Expect(phoneMenu.Locator(":scope > div > button")).ToHaveTextAsync(["More", "今日", "Help"]);
        await phoneMenu.GetByRole(AriaRole.Button, new() { Name = "Help" }).ClickAsync();
        await Expect(phoneMenu.GetByRole(AriaRole.Button, new() { Name = "Hours" })).ToBeVisibleAsync();

        // A second version renames Help; the phone follows.
        await admin.BringToFrontAsync();
        await admin.GetByTestId("button-3").ClickAsync();
        await admin.GetByLabel("Name").FillAsync("帮助");
        await Expect(verdict).ToHaveAttributeAsync("data-verdict", "ok");
        await publish.ClickAsync();
        await Expect(admin.GetByTestId("publish-result")).ToHaveAttributeAsync("data-version", "2");
        await Expect(phoneMenu.Locator(":scope > div > button")).ToHaveTextAsync(["More", "今日", "帮助"]);

        // The history tells what changed and rolls back to the first version, as a new one.
        await admin.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await admin.Locator("tr[data-version='2']").GetByRole(AriaRole.Link, new() { Name = "Changes" }).ClickAsync();
        await Expect(admin.GetByTestId("diff")).ToContainTextAsync("Renamed “Help” to “帮助” (button 3)");
        await Infrastructure.Browser.ScreenshotAsync(admin, "menu-history.png");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Roll back to version 1" }).ClickAsync();
        await Expect(admin.GetByTestId("status")).ToHaveAttributeAsync("data-code", "menu.rolled-back");
        await Expect(admin.Locator("tr[data-version='3']")).ToContainTextAsync("rollback to version 1");

        await Expect(phoneMenu.Locator(":scope > div > button")).ToHaveTextAsync(["More", "今日", "Help"]);
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_editor_makes_a_conditional_menu_for_a_tag_and_the_tester_shows_who_gets_it()
    {
        await using var app = new KestrelPortalApp();
        app.Start();
        await AdminBrowser.CreateOperatorAsync(app, "editor-lin", OperatorRole.Editor);
        await app.Services.GetRequiredService<MenuPublisher>().PublishAsync(app.Services.DefaultAccount(), new Menu(MenuButton.Click("Today", "TODAY")), null, "setup");
        var tags = app.Services.GetRequiredService<SandboxTags>();
        var vip = tags.Create("VIP").Tag!;
        var follower = app.FollowerWhoJustWrote("VIP follower");
        tags.Tag(vip.Id, [follower]);
        var page = await browser.Chromium.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
        await page.GotoAsync(new Uri(app.BaseUrl, "admin/signin").ToString());
        await page.GetByLabel("Name").FillAsync("editor-lin");
        await page.GetByLabel("Password").FillAsync(AdminBrowser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GotoAsync(new Uri(app.BaseUrl, "admin/menu/conditional").ToString());
        await page.GetByLabel("Name (for you").FillAsync("vip");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start editing" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Conditional menu “vip”" })).ToBeVisibleAsync();
        await page.GetByTestId("add-button").ClickAsync();
        await page.GetByLabel("Name").FillAsync("VIP lounge");
        await page.GetByLabel("Key").FillAsync("VIP");
        await Expect(page.GetByTestId("problems").Locator($"li[data-code='{MenuErrorCodes.MatchRuleEmpty}']")).ToHaveCountAsync(1);
        await page.GetByLabel("Tag id").FillAsync(vip.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("verdict")).ToHaveAttributeAsync("data-verdict", "ok");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByTestId("publish-result")).ToHaveAttributeAsync("data-outcome", "published");

        await page.GetByRole(AriaRole.Link, new() { Name = "Conditional menus" }).First.ClickAsync();
        await Expect(page.GetByTestId("live-conditional")).ToContainTextAsync($"conditional: tag {vip.Id}");
        await page.GetByLabel("Follower's OpenID").FillAsync(follower);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show their menu" }).ClickAsync();
        await Expect(page.GetByTestId("match")).ToContainTextAsync("VIP lounge");
        await Infrastructure.Browser.ScreenshotAsync(page, "menu-conditional.png");
    }

    /// <summary>
    /// Drags <paramref name="source"/> onto <paramref name="target"/> once the workbench is still. Each check's
    /// answer redraws the workbench, and a drag that straddles a redraw loses the elements it started on; so the
    /// drag starts when no check is due, and the workbench's count of moves tells a drop that landed from a gesture
    /// the browser missed, which alone is tried again (a drop that landed in the wrong place fails the test's own
    /// assertions). No step waits for a length of time.
    /// </summary>
    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        var workbench = page.Locator("#workbench");
        for (var attempt = 1; ; attempt++)
        {
            await Expect(page.GetByTestId("verdict")).Not.ToHaveAttributeAsync("data-verdict", "pending");
            var before = await workbench.GetAttributeAsync("data-moves");
            // Playwright's drag returns once the browser has handled the drop, so a move, if there was one, shows now.
            await source.DragToAsync(target);
            if (await workbench.GetAttributeAsync("data-moves") != before)
                return;
            Assert.True(attempt < 3, "three drags in a row moved nothing");
        }
    }
}
