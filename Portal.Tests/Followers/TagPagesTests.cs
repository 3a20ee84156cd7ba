using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Followers;
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

namespace Portal.Tests.Followers;

/// <summary>The tags page and the follower page's tag and remark forms, through to the sandbox platform and the audit trail.</summary>
public sealed class TagPagesTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private SandboxTags PlatformTags => app.Services.GetRequiredService<SandboxTags>();

    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 6)];

    private async Task<StoredTag?> StoredAsync(string name) =>
        (await app.Services.GetRequiredService<FollowerStore>().TagsAsync(TestAccounts.DefaultId)).SingleOrDefault(t => t.Name == name);

    [Fact]
    public async Task Create_rename_and_delete_reach_the_platform_and_the_trail()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var name = Unique("spring");

        using (var created = await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Create", new() { ["name"] = name }))
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var tag = (await StoredAsync(name))!;
        Assert.Equal(name, PlatformTags.NameOf(tag.Id));
        Assert.Contains(name, await editor.GetPageAsync("/admin/tags"));

        var renamed = Unique("summer");
        using (var response = await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Rename", new() { ["id"] = tag.Id.ToString(), ["name"] = renamed }))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(renamed, PlatformTags.NameOf(tag.Id));
        Assert.NotNull(await StoredAsync(renamed));

        using (var response = await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Delete", new() { ["id"] = tag.Id.ToString() }))
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(PlatformTags.NameOf(tag.Id));
        Assert.Null(await StoredAsync(renamed));

        var trail = await app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = TagEditor.EntityType });
        Assert.Equal(["delete", "rename", "create"], trail.Where(e => e.EntityId == tag.Id.ToString()).Select(e => e.Action));
    }

    [Fact]
    public async Task A_duplicate_name_is_refused_in_plain_words()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var name = Unique("dup");
        using (await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Create", new() { ["name"] = name })) { }

        using var again = await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Create", new() { ["name"] = name });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await again.Content.ReadAsStringAsync();
        Assert.Contains("Another tag already has this name", page);
        Assert.Single(PlatformTags.All(), t => t.Name == name);
    }

    [Fact]
    public async Task A_name_too_long_and_a_reserved_tag_are_explained()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        using var tooLong = await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Create", new() { ["name"] = new string('长', 11) });
        Assert.Contains("at most 30 bytes", await tooLong.Content.ReadAsStringAsync());
        using var reserved = await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Delete", new() { ["id"] = "2" });
        Assert.Contains("belong to WeChat itself", await reserved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tag_already_deleted_on_the_platform_is_forgotten_here_too()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var store = app.Services.GetRequiredService<FollowerStore>();
        var name = Unique("gone");
        await store.InTransactionAsync(async tx => { await store.SaveTagAsync(tx, TestAccounts.DefaultId, 9_000 + Random.Shared.Next(1000), name, 3, DateTimeOffset.UtcNow); return true; });
        var tag = (await StoredAsync(name))!;

        using var response = await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Delete", new() { ["id"] = tag.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await StoredAsync(name));
    }

    [Fact]
    public async Task An_unknown_follower_has_no_page()
    {
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);
        using var response = await viewer.GetAsync($"/admin/followers/{InboundXml.NewOpenId()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Followers_are_tagged_from_their_page_and_in_a_batch_from_the_list()
    {
        using var editor = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var name = Unique("vip");
        using (await editor.PostFormAsync("/admin/tags", "/admin/tags?handler=Create", new() { ["name"] = name })) { }
        var tag = (await StoredAsync(name))!;
        var people = Enumerable.Range(0, 60).Select(i => app.FollowerWhoJustWrote($"Batch {i}")).ToList();
        var store = app.Services.GetRequiredService<FollowerStore>();
        foreach (var openId in people)
            await store.TouchAsync(TestAccounts.DefaultId, openId, DateTimeOffset.UtcNow);

        // 60 ticked followers: two platform calls (50 at most each). Indexed names bind like repeated checkboxes.
        var form = people.Select((p, i) => (Key: $"openIds[{i}]", Value: p)).ToDictionary(f => f.Key, f => f.Value);
        form["tagId"] = tag.Id.ToString();
        form["change"] = "tag";
        using (var batch = await editor.PostFormAsync("/admin/followers", "/admin/followers?handler=Tag", form))
            Assert.Equal(HttpStatusCode.Redirect, batch.StatusCode);
        var platform = app.Services.GetRequiredService<SandboxFollowers>();
        Assert.All(people, p => Assert.Contains(tag.Id, SandboxTags.TagsOf(platform.Find(p)!)));
        Assert.Equal(60, (await StoredAsync(name))!.FollowerCount);

        var one = people[0];
        using (await editor.PostFormAsync($"/admin/followers/{one}", $"/admin/followers/{one}?handler=RemoveTag", new() { ["tagId"] = tag.Id.ToString() })) { }
        Assert.DoesNotContain(tag.Id, SandboxTags.TagsOf(platform.Find(one)!));
        using (await editor.PostFormAsync($"/admin/followers/{one}", $"/admin/followers/{one}?handler=Remark", new() { ["remark"] = "Best customer" })) { }
        Assert.Equal("Best customer", platform.Find(one)!.Remark);
        var page = await editor.GetPageAsync($"/admin/followers/{one}");
        Assert.Contains("Best customer", page);
        Assert.Contains("Best customer", await editor.GetPageAsync("/admin/followers?Q=Best+cust"));
    }
}
