using System.Net;
using Portal.Core.Operators;
using Portal.Tests.AutoReplies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Operators;

/// <summary>Who may see and change what: anonymous visitors, viewers, editors and owners, and the antiforgery check on every form.</summary>
public sealed class AdminAccessTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    public static TheoryData<string> AdminPages => new()
    {
        "/admin", "/admin/rules", "/admin/rules/edit", "/admin/rules/edit/1", "/admin/audit", "/admin/operators", "/admin/password",
    };

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_see_nothing_of_the_admin(string page)
    {
        using var browser = new AdminBrowser(app);
        using var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/signin?ReturnUrl=", response.Headers.Location!.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Auto-replies", body);
        Assert.DoesNotContain("Dashboard", body);
    }

    [Fact]
    public async Task The_sign_in_page_itself_is_open_and_shows_no_navigation()
    {
        using var browser = new AdminBrowser(app);
        var page = await browser.GetPageAsync("/admin/signin");
        Assert.Contains("Sign in to Portal admin", page);
        Assert.DoesNotContain("/admin/rules", page);
    }

    [Fact]
    public async Task A_viewer_reads_rules_but_cannot_change_them()
    {
        using var browser = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer);

        var list = await browser.GetPageAsync("/admin/rules");
        Assert.Contains("Auto-replies", list);
        Assert.DoesNotContain("New rule", list);

        using var create = await browser.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text("viewer rule", "exact", "viewer", "no"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using var delete = await browser.PostFormAsync("/admin/rules", "/admin/rules?handler=Delete", new() { ["id"] = "1" });
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        using var operators = await browser.GetAsync("/admin/operators");
        Assert.Equal(HttpStatusCode.Forbidden, operators.StatusCode);
    }

    [Fact]
    public async Task An_editor_edits_rules_but_cannot_manage_operators()
    {
        using var browser = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        using var create = await browser.PostFormAsync("/admin/rules/edit", "/admin/rules/edit", RuleForms.Text("editor rule", "exact", "editor-" + Guid.NewGuid().ToString("N")[..6], "hi"));
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);

        using var page = await browser.GetAsync("/admin/operators");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        // The token from a page the editor may open, posted to the owners' page.
        using var add = await browser.PostFormAsync("/admin/password", "/admin/operators?handler=Add",
            new() { ["Name"] = "sneaky", ["Role"] = "owner", ["Password"] = "sneaky password 1" });
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
    }

    [Fact]
    public async Task The_owner_adds_an_operator_who_can_then_sign_in()
    {
        using var owner = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);
        var name = "new-" + Guid.NewGuid().ToString("N")[..8];

        using var add = await owner.PostFormAsync("/admin/operators", "/admin/operators?handler=Add",
            new() { ["Name"] = name, ["Role"] = "viewer", ["Password"] = "a long first password" });
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.Contains(name, await owner.GetPageAsync("/admin/operators"));

        using var newcomer = new AdminBrowser(app);
        using var signIn = await newcomer.SignInAsync(name, "a long first password");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var dashboard = await newcomer.GetPageAsync("/admin");
        Assert.Contains(name, dashboard);
        Assert.Contains("viewer", dashboard);
    }

    [Fact]
    public async Task A_disabled_operator_is_signed_out_at_once()
    {
        using var owner = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);
        var name = "leaver-" + Guid.NewGuid().ToString("N")[..8];
        using var leaver = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor, name);
        await leaver.GetPageAsync("/admin/rules");

        var id = (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<OperatorStore>(app.Services).GetByNameAsync(name))!.Id;
        using var disable = await owner.PostFormAsync("/admin/operators", "/admin/operators?handler=Disable", new() { ["id"] = id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);

        using var after = await leaver.GetAsync("/admin/rules");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/signin", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var owner = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);
        using var create = await owner.PostWithoutTokenAsync("/admin/rules/edit", RuleForms.Text("no token", "exact", "no-token", "x"));
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        using var addOperator = await owner.PostWithoutTokenAsync("/admin/operators?handler=Add", new() { ["Name"] = "x", ["Role"] = "owner", ["Password"] = "some long password" });
        Assert.Equal(HttpStatusCode.BadRequest, addOperator.StatusCode);

        using var anonymous = new AdminBrowser(app);
        using var signIn = await anonymous.PostWithoutTokenAsync("/admin/signin", new() { ["Name"] = "x", ["Password"] = "y" });
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }

    [Fact]
    public async Task Every_operator_changes_their_own_password()
    {
        var name = "pw-" + Guid.NewGuid().ToString("N")[..8];
        using var viewer = await AdminBrowser.SignedInAsync(app, OperatorRole.Viewer, name);

        using var wrong = await viewer.PostFormAsync("/admin/password", "/admin/password",
            new() { ["Current"] = "not it", ["New"] = "a brand new password", ["Confirm"] = "a brand new password" });
        Assert.Contains("current password is not right", await wrong.Content.ReadAsStringAsync());

        using var change = await viewer.PostFormAsync("/admin/password", "/admin/password",
            new() { ["Current"] = AdminBrowser.Password, ["New"] = "a brand new password", ["Confirm"] = "a brand new password" });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Contains("Your password is changed", await viewer.GetPageAsync("/admin/password?changed=true"));

        using var other = new AdminBrowser(app);
        using var old = await other.SignInAsync(name, AdminBrowser.Password);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var fresh = await other.SignInAsync(name, "a brand new password");
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }
}
