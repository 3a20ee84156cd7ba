using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Menus;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Tests.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Menus;

/// <summary>
/// The menu workbench over real HTTP with operators signed in: who may publish, what reaches the sandbox
/// platform, refusals in plain words, history with diff and rollback, pull, conditional menus and the
/// trail each change leaves. Each test has its own app, because the platform's menus are the app's state.
/// </summary>
public sealed class MenuWorkbenchTests
{
    private static readonly Menu First = new(MenuButton.Click("Today", "TODAY"), MenuButton.Parent("More", MenuButton.View("Shop", "https://shop.example/"), MenuButton.Click("Hours", "HOURS")));
    private static readonly Menu Renamed = new(MenuButton.Click("今日", "TODAY"), MenuButton.Parent("More", MenuButton.View("Shop", "https://shop.example/"), MenuButton.Click("Hours", "HOURS")));

    private static async Task<long> PublishAsync(AdminBrowser browser, Menu menu, MatchRule? rule = null, string slot = MenuDraftStore.DefaultSlot)
    {
        using var response = await browser.PostAsync("Publish", MenuForms.Working(menu, rule, slot), slot);
        var answer = await MenuForms.JsonOfAsync(response);
        Assert.True(answer.GetProperty("published").GetBoolean(), answer.ToString());
        return answer.GetProperty("version").GetInt64();
    }

    private static async Task<IReadOnlyList<AuditEntry>> TrailAsync(PortalAppFactory app, string entityType) =>
        await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = entityType });

    [Theory]
    [InlineData("/admin/menu")]
    [InlineData("/admin/menu/history")]
    [InlineData("/admin/menu/conditional")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string page)
    {
        await using var app = new PortalAppFactory();
        using var browser = new AdminBrowser(app);

        using var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/signin?ReturnUrl=", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_viewer_reads_the_workbench_but_cannot_save_publish_pull_or_roll_back()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var version = await PublishAsync(editor, First);
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);

        var page = await viewer.GetPageAsync("/admin/menu");
        Assert.Contains("an editor can change it", page);
        Assert.DoesNotContain("id=\"wb-publish\"", page);

        foreach (var handler in new[] { "Save", "Publish", "Pull" })
        {
            using var response = await viewer.PostAsync(handler, MenuForms.Working(Renamed));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var rollback = await viewer.PostFormAsync("/admin/menu/history", $"/admin/menu/history?handler=Rollback&id={version}", []);
        Assert.Equal(HttpStatusCode.Forbidden, rollback.StatusCode);
        Assert.Equal(MenuJson.Write(First), MenuJson.Write(app.Services.GetRequiredService<SandboxMenus>().Published().Default!.InPortal()));
        Assert.Single(await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId));
    }

    [Fact]
    public async Task An_editor_publishes_and_the_platform_has_the_menu_with_the_draft_and_the_trail_to_match()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor, "editor-alice");

        using (var save = await editor.PostAsync("Save", MenuForms.Working(First)))
            Assert.Contains("Draft saved", (await MenuForms.JsonOfAsync(save)).GetProperty("message").GetString());
        var version = await PublishAsync(editor, First);

        Assert.Equal(MenuJson.Write(First), MenuJson.Write(app.Services.GetRequiredService<SandboxMenus>().Published().Default!.InPortal()));
        var stored = await app.Services.GetRequiredService<MenuVersionStore>().GetAsync(TestAccounts.DefaultId, version);
        Assert.Equal(("editor-alice", MenuVersionSources.Publish), (stored!.CreatedBy, stored.Source));
        Assert.Contains("Draft saved by editor-alice", WebUtility.HtmlDecode(await editor.GetPageAsync("/admin/menu")));

        var published = Assert.Single(await TrailAsync(app, MenuWorkbench.EntityType));
        Assert.Equal(("publish", "editor-alice", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), (published.Action, published.OperatorName, published.EntityId));
        Assert.Null(published.BeforeJson);
        Assert.Contains("\"name\":\"Hours\"", published.AfterJson);
        // Saved once by hand; publishing the same menu saves nothing new, so the trail has one draft entry.
        var draft = Assert.Single(await TrailAsync(app, MenuWorkbench.DraftEntityType));
        Assert.Equal(("save draft", "default"), (draft.Action, draft.EntityId));
        Assert.Contains("Menu", await editor.GetPageAsync("/admin/audit"));
    }

    [Fact]
    public async Task A_platform_refusal_comes_back_in_plain_words_and_nothing_is_recorded()
    {
        await using var app = new PortalAppFactory();
        app.Settings["Sandbox:DailyQuotas:menu/create"] = "0";
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        using var response = await editor.PostAsync("Publish", MenuForms.Working(First));
        var answer = await MenuForms.JsonOfAsync(response);

        Assert.False(answer.GetProperty("published").GetBoolean());
        var problem = Assert.Single(answer.GetProperty("problems").EnumerateArray());
        Assert.Equal(45009, problem.GetProperty("code").GetInt32());
        Assert.Equal("The platform's daily limit for publishing menus is used up; try again tomorrow.", problem.GetProperty("message").GetString());
        Assert.Null(app.Services.GetRequiredService<SandboxMenus>().Published().Default);
        Assert.Empty(await TrailAsync(app, MenuWorkbench.EntityType));
    }

    [Fact]
    public async Task An_invalid_menu_is_not_published_and_the_answer_says_which_rule()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        using var response = await editor.PostAsync("Publish", MenuForms.Working(new Menu(MenuButton.Click("这个名字实在太长了", "K"))));
        var answer = await MenuForms.JsonOfAsync(response);

        Assert.False(answer.GetProperty("published").GetBoolean());
        Assert.Equal(MenuErrorCodes.ButtonNameSize, Assert.Single(answer.GetProperty("problems").EnumerateArray()).GetProperty("code").GetInt32());
        Assert.Null(app.Services.GetRequiredService<SandboxMenus>().Published().Default);
    }

    [Fact]
    public async Task History_shows_a_rename_between_two_versions_and_a_rollback_publishes_the_old_menu_as_a_new_version()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor, "editor-bob");
        var v1 = await PublishAsync(editor, First);
        var v2 = await PublishAsync(editor, Renamed);

        var history = WebUtility.HtmlDecode(await editor.GetPageAsync($"/admin/menu/history?From={v1}&To={v2}"));
        Assert.Contains($"From version {v1} to version {v2}", history);
        Assert.Contains("Renamed “Today” to “今日” (button 1)", history);

        using var rollback = await editor.PostFormAsync("/admin/menu/history", $"/admin/menu/history?handler=Rollback&id={v1}", []);
        Assert.Equal(HttpStatusCode.Redirect, rollback.StatusCode);

        Assert.Equal(MenuJson.Write(First), MenuJson.Write(app.Services.GetRequiredService<SandboxMenus>().Published().Default!.InPortal()));
        var versions = await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId);
        Assert.Equal(3, versions.Count);
        Assert.Equal((MenuVersionSources.Rollback, $"rollback to version {v1}", "editor-bob"), (versions[0].Source, versions[0].Note, versions[0].CreatedBy));
        var historyPage = await editor.GetPageAsync("/admin/menu/history");
        Assert.Contains("data-code=\"menu.rolled-back\"", historyPage);
        Assert.Contains($"data-version=\"{versions[0].Id}\"", historyPage);

        var entry = (await TrailAsync(app, MenuWorkbench.EntityType))[0];
        Assert.Equal("rollback", entry.Action);
        Assert.Contains("今日", entry.BeforeJson);
        Assert.Contains("Today", entry.AfterJson);
    }

    [Fact]
    public async Task Pull_records_a_menu_changed_on_the_platform_and_loads_it_into_the_editor()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        await PublishAsync(editor, First);
        // Someone changes the menu in the WeChat console.
        var console = new Menu(MenuButton.Click("Console", "CONSOLE"));
        app.Services.GetRequiredService<SandboxMenus>().Publish(console);

        using var pull = await editor.PostAsync("Pull", []);
        Assert.Equal(HttpStatusCode.Redirect, pull.StatusCode);

        var latest = (await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId))[0];
        Assert.Equal((MenuVersionSources.Pull, MenuJson.Write(console)), (latest.Source, MenuJson.Write(latest.Menu)));
        var page = WebUtility.HtmlDecode(await editor.GetPageAsync("/admin/menu"));
        Assert.Contains("recorded it as version", page);
        Assert.Contains("CONSOLE", page);
        var entry = (await TrailAsync(app, MenuWorkbench.EntityType))[0];
        Assert.Equal("pull", entry.Action);
        Assert.Contains("Hours", entry.BeforeJson);
        Assert.Contains("Console", entry.AfterJson);

        // Pulled again, nothing new: no second version.
        using (await editor.PostAsync("Pull", [])) { }
        Assert.Equal(2, (await app.Services.GetRequiredService<MenuVersionStore>().ListAsync(TestAccounts.DefaultId)).Count);
    }

    [Fact]
    public async Task A_conditional_menu_for_a_tag_reaches_the_tagged_follower_only_and_can_be_removed()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        await PublishAsync(editor, First);
        var tags = app.Services.GetRequiredService<SandboxTags>();
        var vip = tags.Create("VIP").Tag!;
        var tagged = app.FollowerWhoJustWrote("VIP follower");
        var other = app.FollowerWhoJustWrote("Everyone else");
        Assert.Equal(0, tags.Tag(vip.Id, [tagged]));
        var vipMenu = new Menu(MenuButton.Click("VIP lounge", "VIP"));

        var version = await PublishAsync(editor, vipMenu, new MatchRule { TagId = vip.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "vip");

        var live = Assert.Single(app.Services.GetRequiredService<SandboxMenus>().Published().Conditional);
        Assert.Equal(MenuJson.Write(vipMenu), MenuJson.Write(live.Menu.InPortal()));
        Assert.Contains("VIP lounge", await TesterAsync(editor, tagged));
        var untagged = await TesterAsync(editor, other);
        Assert.Contains("Today", untagged);
        Assert.DoesNotContain("VIP lounge", untagged);
        Assert.Contains("knows no follower", await TesterAsync(editor, "o-nobody"));
        var page = WebUtility.HtmlDecode(await editor.GetPageAsync("/admin/menu/conditional"));
        Assert.Contains($"conditional: tag {vip.Id}", page);
        Assert.Contains("/admin/menu?slot=vip", page);
        Assert.Equal("publish conditional", (await TrailAsync(app, MenuWorkbench.EntityType))[0].Action);
        Assert.Equal(live.MenuId, (await app.Services.GetRequiredService<MenuVersionStore>().GetAsync(TestAccounts.DefaultId, version))!.PlatformMenuId);

        using var delete = await editor.PostFormAsync("/admin/menu/conditional", $"/admin/menu/conditional?handler=Delete&menuId={live.MenuId}", []);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Empty(app.Services.GetRequiredService<SandboxMenus>().Published().Conditional);
        Assert.Contains("Today", await TesterAsync(editor, tagged));
        var removed = (await TrailAsync(app, MenuWorkbench.EntityType))[0];
        Assert.Equal(("delete conditional", null), (removed.Action, removed.AfterJson));
        Assert.Contains("VIP lounge", removed.BeforeJson);
    }

    [Fact]
    public async Task The_conditional_page_hints_at_the_rules_the_platform_now_refuses()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        Assert.Contains("65320", await editor.GetPageAsync("/admin/menu/conditional"));
        Assert.Contains("65320", await editor.GetPageAsync("/admin/menu?slot=vip"));
        using var badSlot = await editor.GetAsync("/admin/menu?slot=" + Uri.EscapeDataString("../x"));
        Assert.Equal(HttpStatusCode.NotFound, badSlot.StatusCode);
    }

    private static async Task<string> TesterAsync(AdminBrowser browser, string openId)
    {
        var page = WebUtility.HtmlDecode(await browser.GetPageAsync("/admin/menu/conditional?OpenId=" + Uri.EscapeDataString(openId)));
        var start = page.IndexOf("data-testid=\"match\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the tester showed no answer");
        return page[start..page.IndexOf("</form>", start, StringComparison.Ordinal)];
    }
}
