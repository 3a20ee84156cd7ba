using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
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
/// The workbench never lets a stale draft quietly replace what is live: after a rollback or a pull it opens
/// on the live menu, and a draft that differs from live says so, with the changes and a way back to live.
/// Real HTTP, the sandbox as the platform.
/// </summary>
public sealed partial class MenuDraftVersusLiveTests
{
    private static readonly Menu V1 = new(MenuButton.Click("Today", "TODAY"), MenuButton.View("Shop", "https://shop.example/"));
    private static readonly Menu V2 = new(MenuButton.Click("今日", "TODAY"), MenuButton.View("Shop", "https://shop.example/"), MenuButton.Click("Hours", "HOURS"));

    private static async Task<long> PublishAsync(AdminBrowser browser, Menu menu)
    {
        using var response = await browser.PostAsync("Publish", MenuForms.Working(menu));
        var answer = await MenuForms.JsonOfAsync(response);
        Assert.True(answer.GetProperty("published").GetBoolean(), answer.ToString());
        return answer.GetProperty("version").GetInt64();
    }

    /// <summary>The menu the editor starts from, as its script reads it from the page.</summary>
    private static string EditorMenu(string page)
    {
        var state = StatePattern().Match(page);
        Assert.True(state.Success, "the workbench has no editor state");
        return JsonDocument.Parse(WebUtility.HtmlDecode(state.Groups[1].Value)).RootElement.GetProperty("menu").GetRawText();
    }

    /// <summary>The live version the page was opened on, which the editor sends back with Publish.</summary>
    private static string PageLive(string page) =>
        JsonDocument.Parse(WebUtility.HtmlDecode(StatePattern().Match(page).Groups[1].Value)).RootElement.GetProperty("live").GetString()!;

    private static string Live(PortalAppFactory app) => MenuJson.Write(app.Services.GetRequiredService<SandboxMenus>().Published().Default!.InPortal());

    [Fact]
    public async Task After_a_rollback_the_workbench_opens_on_the_live_menu_and_publishing_it_keeps_the_rollback()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor, "editor-rita");
        var v1 = await PublishAsync(editor, V1);
        await PublishAsync(editor, V2);

        using (var rollback = await editor.PostFormAsync("/admin/menu/history", $"/admin/menu/history?handler=Rollback&id={v1}", []))
            Assert.Equal(HttpStatusCode.Redirect, rollback.StatusCode);
        Assert.Equal(MenuJson.Write(V1), Live(app));

        var page = await editor.GetPageAsync("/admin/menu");
        Assert.Equal(MenuJson.Write(V1), EditorMenu(page));
        Assert.Contains($"rollback to version {v1}, by editor-rita", WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("data-testid=\"draft-differs\"", page);

        // The operator presses Publish on what the page holds: v1 stays live, v2 does not come back.
        using (var publish = await editor.PostAsync("Publish", MenuForms.Raw(EditorMenu(page))))
            Assert.True((await MenuForms.JsonOfAsync(publish)).GetProperty("published").GetBoolean());
        Assert.Equal(MenuJson.Write(V1), Live(app));

        // The replaced draft is in the trail, so the work thrown away can be found again.
        var trail = await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = MenuWorkbench.DraftEntityType });
        var loaded = Assert.Single(trail, e => e.Action == "load live after rollback");
        Assert.Contains("Hours", loaded.BeforeJson);
        Assert.DoesNotContain("Hours", loaded.AfterJson);
    }

    [Fact]
    public async Task A_draft_edited_after_publishing_is_flagged_with_its_changes_and_can_be_discarded_for_the_live_menu()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var v1 = await PublishAsync(editor, V1);
        Assert.DoesNotContain("draft-differs", await editor.GetPageAsync("/admin/menu"));

        using (var save = await editor.PostAsync("Save", MenuForms.Working(V2)))
            Assert.True((await MenuForms.JsonOfAsync(save)).GetProperty("saved").GetBoolean());

        var page = await editor.GetPageAsync("/admin/menu");
        Assert.Equal(MenuJson.Write(V2), EditorMenu(page));
        page = WebUtility.HtmlDecode(page);
        Assert.Contains("data-testid=\"draft-differs\"", page);
        Assert.Contains($"This draft is not what followers see.</strong> The live menu is version {v1}", page);
        Assert.Contains("Renamed “Today” to “今日” (button 1)", page);
        Assert.Contains("Added “Hours” (button 3)", page);

        using (var discard = await editor.PostFormAsync("/admin/menu", "/admin/menu?handler=Discard", []))
            Assert.Equal(HttpStatusCode.Redirect, discard.StatusCode);

        page = await editor.GetPageAsync("/admin/menu");
        Assert.Equal(MenuJson.Write(V1), EditorMenu(page));
        Assert.DoesNotContain("data-testid=\"draft-differs\"", page);
        Assert.Contains($"now holds the live menu, version {v1}", WebUtility.HtmlDecode(page));
        Assert.Equal(MenuJson.Write(V1), Live(app));
    }

    [Fact]
    public async Task A_viewer_sees_that_the_draft_differs_but_gets_no_discard_button_and_cannot_discard()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        await PublishAsync(editor, V1);
        using (await editor.PostAsync("Save", MenuForms.Working(V2))) { }
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);

        var page = await viewer.GetPageAsync("/admin/menu");
        Assert.Contains("data-testid=\"draft-differs\"", page);
        Assert.DoesNotContain("handler=Discard", page);
        using var discard = await viewer.PostFormAsync("/admin/menu", "/admin/menu?handler=Discard", []);
        Assert.Equal(HttpStatusCode.Forbidden, discard.StatusCode);
        Assert.Equal(MenuJson.Write(V2), EditorMenu(await editor.GetPageAsync("/admin/menu")));
    }

    [Fact]
    public async Task A_page_opened_before_a_rollback_cannot_publish_over_it_but_a_fresh_one_can()
    {
        await using var app = new PortalAppFactory();
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var v1 = await PublishAsync(editor, V1);
        var v2 = await PublishAsync(editor, V2);
        // A tab opened on v2; meanwhile someone rolls back to v1 from the history.
        var stalePage = await editor.GetPageAsync("/admin/menu");
        Assert.Equal($"{v2}", PageLive(stalePage));
        using (await editor.PostFormAsync("/admin/menu/history", $"/admin/menu/history?handler=Rollback&id={v1}", [])) { }

        using (var stale = await editor.PostAsync("Publish", new Dictionary<string, string>(MenuForms.Raw(EditorMenu(stalePage))) { ["live"] = PageLive(stalePage) }))
        {
            var answer = await MenuForms.JsonOfAsync(stale);
            Assert.False(answer.GetProperty("published").GetBoolean());
            Assert.Contains("the live menu changed after this page was opened", answer.GetProperty("message").GetString());
        }
        Assert.Equal(MenuJson.Write(V1), Live(app));

        // Reloaded, the page stands on the rollback and publishes normally.
        var fresh = await editor.GetPageAsync("/admin/menu");
        using (var ok = await editor.PostAsync("Publish", new Dictionary<string, string>(MenuForms.Working(V2)) { ["live"] = PageLive(fresh) }))
            Assert.True((await MenuForms.JsonOfAsync(ok)).GetProperty("published").GetBoolean());
        Assert.Equal(MenuJson.Write(V2), Live(app));
    }

    [GeneratedRegex("data-state=\"([^\"]*)\"")]
    private static partial Regex StatePattern();
}
