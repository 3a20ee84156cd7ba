using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.AutoReplies;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.AutoReplies;

/// <summary>The auto-reply pages as an editor uses them, through to what followers receive and the audit trail.</summary>
public sealed class RulePagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    private async Task<AutoReplyRule?> SavedRuleNamedAsync(string name) =>
        (await app.Services.GetRequiredService<AutoReplyRuleStore>().ListAsync(TestAccounts.DefaultId)).SingleOrDefault(r => r.Name == name);

    [Fact]
    public async Task An_invalid_pattern_is_explained_in_plain_words_and_nothing_is_saved()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var name = Unique("broken-");

        using var response = await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text(name, "regex", "order (\\d+", "x"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("The rule was not saved", page);
        Assert.Contains("This is not a valid pattern: a “(” is never closed", page);
        Assert.Contains("value=\"" + name + "\"", page);   // what was typed stays on the form
        Assert.Null(await SavedRuleNamedAsync(name));
    }

    [Fact]
    public async Task Missing_reply_fields_are_named()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var form = new Dictionary<string, string>(RuleForms.Text(Unique("news-"), "click", "", ""))
        {
            ["Draft.ReplyType"] = "news",
            ["Draft.Articles[0].Title"] = "Spring sale",
            ["Draft.Articles[0].Url"] = "not a link",
        };
        using var response = await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", form);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter the menu button&#x27;s key", page);
        Assert.Contains("Enter a full web address starting with https://", page);
    }

    [Fact]
    public async Task A_saved_rule_answers_followers_at_once_and_is_in_the_audit_trail()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var keyword = Unique("opening-");
        var name = Unique("hours-");
        // A reply the message server has already cached must not hide the new rule.
        using (await WeChatPush.For(app).PostAsync(InboundXml.Text(InboundXml.NewOpenId(), keyword))) { }

        using var created = await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text(name, "contains", keyword, "We open at nine."));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("created", await editor.GetPageAsync("/admin/rules"));

        var push = WeChatPush.For(app);
        using var response = await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), $"what are your {keyword} hours?"), PushMode.Safe);
        var reply = await push.ReplyOfAsync(response);
        Assert.Equal("We open at nine.", reply!.Element("Content")!.Value);

        var rule = (await SavedRuleNamedAsync(name))!;
        var entry = (await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "auto_reply_rule" }))
            .First(e => e.EntityId == rule.Id.ToString());
        Assert.Equal("create", entry.Action);
        Assert.StartsWith("editor-", entry.OperatorName);
        Assert.Null(entry.BeforeJson);
        using var after = JsonDocument.Parse(entry.AfterJson!);
        Assert.Equal(keyword, after.RootElement.GetProperty("pattern").GetString());
        Assert.Equal("We open at nine.", after.RootElement.GetProperty("reply").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Editing_a_rule_records_before_and_after_and_the_audit_filters_find_it()
    {
        var editorName = Unique("editor-");
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor, editorName);
        var name = Unique("edit-");
        var keyword = Unique("kw-");
        (await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text(name, "exact", keyword, "First answer"))).Dispose();
        var rule = (await SavedRuleNamedAsync(name))!;

        using var edited = await editor.PostFormAsync($"/admin/rules/edit/{rule.Id}", $"/admin/rules/edit/{rule.Id}", RuleForms.Text(name, "exact", keyword, "Second answer", priority: 5));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(5, (await SavedRuleNamedAsync(name))!.Priority);

        var trail = await editor.GetPageAsync($"/admin/audit?EntityType=auto_reply_rule");
        var row = $"data-entity=\"auto_reply_rule:{rule.Id}\"";
        Assert.Contains(row, trail);
        Assert.Contains("First answer", trail);
        Assert.Contains("Second answer", trail);

        var operatorId = (await app.Services.GetRequiredService<OperatorStore>().GetByNameAsync(editorName))!.Id;
        var mine = await editor.GetPageAsync($"/admin/audit?OperatorId={operatorId}&EntityType=auto_reply_rule");
        Assert.Contains(row, mine);
        var operatorsOnly = await editor.GetPageAsync("/admin/audit?EntityType=operator");
        Assert.DoesNotContain("data-entity=\"auto_reply_rule:", operatorsOnly);
        Assert.Contains("data-entity=\"operator:", operatorsOnly);
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        Assert.Contains("Nothing recorded for this filter", await editor.GetPageAsync($"/admin/audit?From={future}"));
    }

    [Fact]
    public async Task Turning_off_moving_and_deleting_are_audited_and_take_effect()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);
        var name = Unique("toggle-");
        var keyword = Unique("tg-");
        (await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text(name, "exact", keyword, "On", priority: -1000))).Dispose();
        (await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text(name + "-last", "exact", keyword + "-last", "Last", priority: -2000))).Dispose();
        var id = (await SavedRuleNamedAsync(name))!.Id.ToString();

        (await editor.PostFormAsync("/admin/rules", "/admin/rules?handler=Disable", new() { ["id"] = id })).Dispose();
        Assert.False((await SavedRuleNamedAsync(name))!.Enabled);
        (await editor.PostFormAsync("/admin/rules", "/admin/rules?handler=Down", new() { ["id"] = id })).Dispose();
        var list = await app.Services.GetRequiredService<AutoReplyRuleStore>().ListAsync(TestAccounts.DefaultId);
        Assert.Equal([name + "-last", name], list.TakeLast(2).Select(r => r.Name));
        (await editor.PostFormAsync("/admin/rules", "/admin/rules?handler=Delete", new() { ["id"] = id })).Dispose();
        Assert.Null(await SavedRuleNamedAsync(name));

        var actions = (await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "auto_reply_rule" }))
            .Where(e => e.EntityId == id).Select(e => e.Action).Reverse().ToList();
        Assert.Equal(["create", "disable", "move down", "delete"], actions);
    }

    [Fact]
    public async Task The_tester_on_the_form_includes_the_unsaved_rule_and_saves_nothing()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var keyword = Unique("draft-");
        var name = Unique("unsaved-");
        var form = RuleForms.Text(name, "exact", keyword, "Draft answer").WithTest("Text", keyword.ToUpperInvariant() + "  ");

        using var response = await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit?handler=Test", form);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"“{name}” answers: the message is exactly “{keyword}”", page);
        Assert.Contains("this rule, not saved yet", page);
        Assert.Contains("Draft answer", page);
        Assert.Null(await SavedRuleNamedAsync(name));
        Assert.DoesNotContain("edit-finding", page);

        // A rule that a saved one would always beat says so before it is saved.
        var broad = Unique("broad-");
        (await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text(broad, "contains", keyword, "Broad", priority: 1000))).Dispose();
        using var shadowed = await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit?handler=Test", form);
        var warned = await shadowed.Content.ReadAsStringAsync();
        Assert.Contains($"“{name}” never answers: “{broad}”", warned);
        await app.Services.GetRequiredService<AutoReplyRuleStore>().DeleteAsync(TestAccounts.DefaultId, (await SavedRuleNamedAsync(broad))!.Id);
    }

    [Fact]
    public async Task A_viewer_uses_the_tester_on_the_saved_rules()
    {
        var rules = app.Services.GetRequiredService<AutoReplyRuleStore>();
        var key = Unique("KEY_");
        var scene = Unique("scene-");
        await rules.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "menu " + key, Trigger = RuleTrigger.Click, Pattern = key, Reply = new Portal.Core.WeChat.Replies.TextReply("Menu answer") });
        await rules.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "greeting " + scene, Trigger = RuleTrigger.Follow, Pattern = scene, Reply = new Portal.Core.WeChat.Replies.TextReply("Scene greeting") });
        await rules.AddAsync(TestAccounts.DefaultId, new AutoReplyRule { Name = "pattern " + key, Trigger = RuleTrigger.Regex, Pattern = $"^track {key}-\\d+$", Reply = new Portal.Core.WeChat.Replies.TextReply("Tracking") });
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);

        Assert.Contains($"“menu {key}” answers menu key “{key}”", await viewer.GetPageAsync($"/admin/rules?TestKind=Click&TestValue={key}"));
        Assert.Contains($"“greeting {scene}” greets followers who come through scene “{scene}”", await viewer.GetPageAsync($"/admin/rules?TestKind=Follow&TestValue={scene}"));
        Assert.Contains($"“pattern {key}” answers: the message matches the pattern", await viewer.GetPageAsync($"/admin/rules?TestKind=Text&TestValue=track+{key}-42"));
        Assert.Contains("No rule answers menu key “NOPE”", await viewer.GetPageAsync("/admin/rules?TestKind=Click&TestValue=NOPE"));
    }
}

/// <summary>The list's notes about rules that never answer; each test has its own app, since a catch-all rule changes every answer.</summary>
public sealed class RuleFindingsTests : IDisposable
{
    private readonly PortalAppFactory _app = new();

    [Fact]
    public async Task Shadowed_rules_are_pointed_out_and_the_tester_shows_the_real_winner()
    {
        using var editor = await AdminBrowser.SignedInAsync(_app, OperatorRole.Editor);
        async Task Create(Dictionary<string, string> form)
        {
            using var response = await editor.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await Create(RuleForms.Text("Prices", "contains", "price", "See the price list.", priority: 10));
        await Create(RuleForms.Text("Price of tea", "exact", "price of tea", "Tea is 5 yuan."));
        await Create(RuleForms.Text("Menu A", "click", "MENU_A", "A"));
        await Create(RuleForms.Text("Menu A again", "click", "MENU_A", "A again"));

        var list = await editor.GetPageAsync("/admin/rules");
        Assert.Contains("“Price of tea” never answers: “Prices” (message contains “price”) comes first", list);
        Assert.Contains("“Menu A again” never answers: it answers the same menu key “MENU_A” as “Menu A”", list);

        var tested = await editor.GetPageAsync("/admin/rules?TestKind=Text&TestValue=price+of+tea");
        Assert.Contains("“Prices” answers: the message contains “price”", tested);

        await Create(RuleForms.Text("Anything", "regex", ".*", "Catch all", priority: 100));
        Assert.Contains("“Anything” answers every message, so the 2 keyword rule(s) after it never answer", await editor.GetPageAsync("/admin/rules"));
    }

    public void Dispose() => _app.Dispose();
}
