using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.AutoReplies;
using Portal.Core.Followers;
using Portal.Core.Members;
using Portal.Core.Menus;
using Portal.Core.Operators;
using Portal.Core.Site;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Followers;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>
/// Two Official Accounts in one Portal, through real HTTP: the admin shows and changes only the chosen account's
/// rules, followers, members, menus and site content; the switcher changes which; an operator limited to one
/// account can neither see nor change the other's, however the request is forged; H5 pages show their own
/// account's content only.
/// </summary>
public abstract class TwoAccountsAdminTests : IAsyncLifetime
{
    private PortalAppFactory _app = null!;

    // Marks that appear in one account's pages and must never appear in the other's.
    private readonly string _first = "first-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _second = "second-" + Guid.NewGuid().ToString("N")[..8];
    private long _secondRuleId;

    protected abstract Task<PortalAppFactory> CreateAppAsync();

    protected virtual Task DropAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _app = (await CreateAppAsync()).WithSecondAccount();
        var accounts = _app.Services.GetRequiredService<AccountDirectory>();
        Assert.Equal(2, accounts.All.Count);
        var second = accounts.All[1];
        var actor = AuditActor.Command("test");
        var rules = _app.Services.GetRequiredService<AutoReplyRuleEditor>();
        var followers = _app.Services.GetRequiredService<FollowerStore>();
        var members = _app.Services.GetRequiredService<MemberStore>();
        var site = _app.Services.GetRequiredService<SiteEditor>();
        var drafts = _app.Services.GetRequiredService<MenuDraftStore>();
        foreach (var (account, mark) in new[] { (accounts.Default, _first), (second, _second) })
        {
            var rule = await rules.CreateAsync(actor, account.Id, new AutoReplyRule
            {
                Name = "rule " + mark, Trigger = RuleTrigger.Exact, Pattern = mark, Reply = new TextReply("reply " + mark),
            });
            if (account == second)
                _secondRuleId = rule.Id;
            // The same OpenID in both accounts: a follower's id is only ever their id within one account.
            await followers.SubscribeAsync(account.Id, "o-shared-follower", "scene-" + mark, DateTimeOffset.UtcNow);
            await members.SignInAsync(account.Id, new MemberSignIn("o-shared-follower", null, "member " + mark, null), withProfile: true);
            await site.SaveArticleAsync(actor, account.Id, new Article { Title = "article " + mark, Published = true, Featured = true });
            await drafts.SaveAsync(account.Id, MenuDraftStore.DefaultSlot,
                new Menu(MenuButton.Click(mark, "k")), null, "test");
        }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await DropAsync();
    }

    private static readonly string[] AccountPages = ["/admin/rules", "/admin/followers", "/admin/members", "/admin/site/articles", "/admin/menu"];

    [Fact]
    public async Task The_admin_shows_only_the_chosen_account_and_the_switcher_changes_it()
    {
        using var owner = await AdminBrowser.SignedInAsync(_app, OperatorRole.Owner);

        // The default account first, named in the header's switcher on every page.
        foreach (var url in AccountPages)
        {
            var page = await owner.GetPageAsync(url);
            Assert.Contains(_first, page);
            Assert.DoesNotContain(_second, page);
            Assert.Equal("1", Switcher(page)?.GetAttribute("data-account-id"));
        }

        using (var switched = await owner.PostFormAsync("/admin/rules", "/admin/account", new() { ["id"] = "2", ["returnUrl"] = "/admin/rules" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Assert.Equal("/admin/rules", switched.Headers.Location?.OriginalString);
        }
        foreach (var url in AccountPages)
        {
            var page = await owner.GetPageAsync(url);
            Assert.Contains(_second, page);
            Assert.DoesNotContain(_first, page);
            Assert.Equal("2", Switcher(page)?.GetAttribute("data-account-id"));
        }

        // A change made while the second account is chosen is that account's, and its audit entry says so.
        using (var added = await owner.PostFormAsync("/admin/site/articles", "/admin/site/articles?handler=AddCategory", new() { ["name"] = "category " + _second, ["_account"] = "2" }))
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var store = _app.Services.GetRequiredService<SiteStore>();
        Assert.Contains(await store.ListCategoriesAsync(2), c => c.Name == "category " + _second);
        Assert.DoesNotContain(await store.ListCategoriesAsync(1), c => c.Name == "category " + _second);
        var trail = await _app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "site_category" });
        Assert.Equal(2, trail.First().AccountId);
    }

    [Fact]
    public async Task An_operator_limited_to_one_account_cannot_see_or_change_the_other()
    {
        using var owner = await AdminBrowser.SignedInAsync(_app, OperatorRole.Owner);
        var editorName = "limited-" + Guid.NewGuid().ToString("N")[..8];
        var editorOp = await AdminBrowser.CreateOperatorAsync(_app, editorName, OperatorRole.Editor);
        using (var limited = await owner.PostFormAsync("/admin/operators", "/admin/operators?handler=Accounts",
            new() { ["id"] = editorOp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["accountIds"] = "1" }))
            Assert.Equal(HttpStatusCode.Redirect, limited.StatusCode);
        Assert.Equal([1], await _app.Services.GetRequiredService<OperatorStore>().AccountsAsync(editorOp.Id));
        var entry = (await _app.Services.GetRequiredService<AuditLog>().ListAsync(new AuditQuery { EntityType = "operator" })).First();
        Assert.Equal("set accounts", entry.Action);

        using var editor = new AdminBrowser(_app);
        using (var signIn = await editor.SignInAsync(editorName, AdminBrowser.Password))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Their pages are the first account's; the switcher only names it, with nothing to choose.
        var rules = await editor.GetPageAsync("/admin/rules");
        Assert.Contains(_first, rules);
        Assert.DoesNotContain(_second, rules);
        Assert.Null(new HtmlParser().ParseDocument(rules).QuerySelector("[data-testid=account-choice] option"));

        // Switching to the other account is refused.
        using (var switched = await editor.PostFormAsync("/admin/rules", "/admin/account", new() { ["id"] = "2" }))
            Assert.Equal(HttpStatusCode.Forbidden, switched.StatusCode);

        // A forged cookie naming the other account is not believed: the page stays on the first.
        editor.Headers.Add("Cookie", "portal.account=2");
        foreach (var url in AccountPages)
        {
            var page = await editor.GetPageAsync(url);
            Assert.DoesNotContain(_second, page);
        }

        // A forged post naming the other account changes nothing, whether in the form or only in the cookie.
        using (var forged = await editor.PostFormAsync("/admin/rules", "/admin/rules?handler=Delete",
            new() { ["id"] = _secondRuleId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["_account"] = "2" }))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using (var forged = await editor.PostFormAsync("/admin/rules", "/admin/rules?handler=Delete",
            new() { ["id"] = _secondRuleId.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.NotNull(await _app.Services.GetRequiredService<AutoReplyRuleStore>().GetAsync(2, _secondRuleId));

        // And a post on their own account, naming a row of the other, finds nothing to delete.
        using (var own = await editor.PostFormAsync("/admin/rules", "/admin/rules?handler=Delete",
            new() { ["id"] = _secondRuleId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["_account"] = "1" }))
            Assert.NotEqual(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.NotNull(await _app.Services.GetRequiredService<AutoReplyRuleStore>().GetAsync(2, _secondRuleId));
    }

    [Fact]
    public async Task The_h5_pages_show_their_own_account_only()
    {
        using var client = _app.CreateClient();
        foreach (var url in new[] { "/", "/articles" })
        {
            var page = await client.GetStringAsync(url);
            Assert.Contains("article " + _first, page);
            Assert.DoesNotContain(_second, page);
        }
        // The second account's pages, under its prefix, are its own.
        foreach (var url in new[] { "/", "/articles" })
        {
            var page = await client.GetStringAsync($"/a/{PortalAppFactory.SecondAppId}{url}");
            Assert.Contains("article " + _second, page);
            Assert.DoesNotContain(_first, page);
        }
    }

    private static AngleSharp.Dom.IElement? Switcher(string page) =>
        new HtmlParser().ParseDocument(page).QuerySelector("[data-testid=account-switch]");
}

public sealed class SqliteTwoAccountsAdminTests : TwoAccountsAdminTests
{
    protected override Task<PortalAppFactory> CreateAppAsync() => Task.FromResult(new PortalAppFactory());
}

public sealed class PostgresTwoAccountsAdminTests : TwoAccountsAdminTests
{
    private readonly PostgresTestDatabase _database = new();

    protected override async Task<PortalAppFactory> CreateAppAsync()
    {
        await _database.InitializeAsync();
        var app = new PortalAppFactory();
        app.Settings["Database:Provider"] = "PostgreSql";
        app.Settings["ConnectionStrings:Portal"] = _database.ConnectionString;
        return app;
    }

    protected override Task DropAsync() => _database.DisposeAsync();
}

/// <summary>With one account there is nothing to switch: the header stays as it was before accounts.</summary>
public sealed class OneAccountAdminTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_single_account_shows_no_switcher()
    {
        using var owner = await AdminBrowser.SignedInAsync(app, OperatorRole.Owner);
        var page = await owner.GetPageAsync("/admin/rules");
        Assert.Null(new HtmlParser().ParseDocument(page).QuerySelector("[data-testid=account-switch]"));
    }
}
