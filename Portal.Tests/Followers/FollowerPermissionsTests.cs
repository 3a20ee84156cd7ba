using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Followers;
using Portal.Core.Inbox;
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

/// <summary>A viewer reads followers, tags and the inbox, but cannot sync, tag, remark or reply.</summary>
public sealed class FollowerPermissionsTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_viewer_sees_the_lists_but_cannot_sync_tag_or_reply()
    {
        var openId = app.FollowerWhoJustWrote();
        await app.Services.GetRequiredService<FollowerStore>().TouchAsync(TestAccounts.DefaultId, openId, DateTimeOffset.UtcNow);
        var tagId = app.Services.GetRequiredService<SandboxTags>().Create($"v{Guid.NewGuid():N}"[..10]).Tag!.Id;
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);

        var followers = await viewer.GetPageAsync("/admin/followers");
        Assert.Contains(openId, followers);
        Assert.DoesNotContain("Sync followers</button>", followers);
        Assert.DoesNotContain("Send as customer-service message", await viewer.GetPageAsync($"/admin/followers/{openId}"));
        Assert.DoesNotContain("handler=Create", await viewer.GetPageAsync("/admin/tags"));
        await viewer.GetPageAsync("/admin/inbox");

        using var sync = await viewer.PostFormAsync("/admin/followers", "/admin/followers?handler=Sync", []);
        using var tag = await viewer.PostFormAsync("/admin/followers", "/admin/followers?handler=Tag", new() { ["tagId"] = tagId.ToString(), ["openIds[0]"] = openId });
        using var create = await viewer.PostFormAsync("/admin/tags", "/admin/tags?handler=Create", new() { ["name"] = "nope" });
        using var remark = await viewer.PostFormAsync($"/admin/followers/{openId}", $"/admin/followers/{openId}?handler=Remark", new() { ["remark"] = "nope" });
        using var reply = await viewer.PostFormAsync("/admin/inbox", "/admin/inbox?handler=Reply", new() { ["openId"] = openId, ["text"] = "nope" });

        Assert.All([sync, tag, create, remark, reply], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Null(await app.Services.GetRequiredService<FollowerStore>().LatestSyncAsync(TestAccounts.DefaultId));
        Assert.Empty(SandboxTags.TagsOf(app.Services.GetRequiredService<SandboxFollowers>().Find(openId)!));
        Assert.DoesNotContain(await app.Services.GetRequiredService<InboxStore>().RecentRepliesAsync(TestAccounts.DefaultId), r => r.OpenId == openId);
    }
}
