using System.Data.Common;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.AutoReplies;
using Portal.Core.Data;
using Portal.Core.Links;
using Portal.Core.Operators;
using Portal.Core.Site;
using Portal.Tests.AutoReplies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Links;

/// <summary>
/// Every URL field an operator fills in, over real HTTP into a real database (SQLite and PostgreSQL):
/// each hostile link is refused with a message naming what is allowed and nothing is stored; and a
/// hostile link written straight into the tables is not rendered as a link by any public page.
/// </summary>
public abstract class StoredLinkTests : IAsyncLifetime
{
    private PortalAppFactory _app = null!;

    protected abstract Task<PortalAppFactory> CreateAppAsync();

    protected virtual Task DropAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _app = await CreateAppAsync();

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await DropAsync();
    }

    private sealed record Field(string Name, string FormPage, string Action, Func<string, Dictionary<string, string>> Form, bool Redirects);

    private static readonly Field[] Fields =
    [
        new("banner image", "/admin/site/home", "/admin/site/home?handler=AddBanner", bad => new() { ["imageUrl"] = bad, ["title"] = "t", ["link"] = "/articles" }, Redirects: true),
        new("banner link", "/admin/site/home", "/admin/site/home?handler=AddBanner", bad => new() { ["imageUrl"] = "/media/a.png", ["title"] = "t", ["link"] = bad }, Redirects: true),
        new("grid cell link", "/admin/site/home", "/admin/site/home?handler=AddNavItem", bad => new() { ["label"] = "关于", ["imageUrl"] = "", ["link"] = bad }, Redirects: true),
        new("grid cell icon", "/admin/site/home", "/admin/site/home?handler=AddNavItem", bad => new() { ["label"] = "关于", ["imageUrl"] = bad, ["link"] = "/contact" }, Redirects: true),
        new("contact map link", "/admin/site", "/admin/site", bad => new() { ["Profile.SiteName"] = "店", ["Profile.MapLink"] = bad }, Redirects: false),
        new("home share image", "/admin/site", "/admin/site", bad => new() { ["Profile.SiteName"] = "店", ["Share.Image"] = bad }, Redirects: false),
        new("article cover", "/admin/site/articles/edit", "/admin/site/articles/edit", bad => new() { ["Draft.Title"] = "文章", ["Draft.CoverImage"] = bad }, Redirects: false),
        new("article share image", "/admin/site/articles/edit", "/admin/site/articles/edit", bad => new() { ["Draft.Title"] = "文章", ["Share.Image"] = bad }, Redirects: false),
        new("page share image", "/admin/site/pages/edit", "/admin/site/pages/edit", bad => new() { ["Slug"] = "about", ["PageTitle"] = "关于", ["Share.Image"] = bad }, Redirects: false),
        new("reply card link", "/admin/rules/edit", "/admin/rules/edit", bad => NewsRule(url: bad, picUrl: "https://img.example/a.png"), Redirects: false),
        new("reply card image", "/admin/rules/edit", "/admin/rules/edit", bad => NewsRule(url: "https://shop.example/", picUrl: bad), Redirects: false),
    ];

    private static Dictionary<string, string> NewsRule(string url, string picUrl) => new(RuleForms.Text("cards", "contains", "sale", ""))
    {
        ["Draft.ReplyType"] = "news",
        ["Draft.Articles[0].Title"] = "Spring sale",
        ["Draft.Articles[0].Url"] = url,
        ["Draft.Articles[0].PicUrl"] = picUrl,
    };

    [Fact]
    public async Task Every_url_field_refuses_hostile_links_with_a_message_and_stores_nothing()
    {
        using var editor = await AdminBrowser.SignedInAsync(_app, OperatorRole.Editor);
        foreach (var field in Fields)
        {
            foreach (var bad in HostileLinks.All)
            {
                using var response = await editor.PostFormAsync(field.FormPage, field.Action, field.Form(bad));
                // The host refuses a NUL in any form value before the page runs: refused too, if more bluntly.
                if (bad.Contains('\0', StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.BadRequest)
                    continue;
                Assert.True(field.Redirects ? response.StatusCode == HttpStatusCode.Redirect : response.StatusCode == HttpStatusCode.OK,
                    $"{field.Name} with {bad}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                var page = field.Redirects
                    ? await editor.GetPageAsync(response.Headers.Location!.OriginalString)
                    : await response.Content.ReadAsStringAsync();
                var text = WebUtility.HtmlDecode(page);
                Assert.True(text.Contains(LinkAllowList.Problem, StringComparison.Ordinal) || text.Contains("Enter a full web address starting with https://", StringComparison.Ordinal),
                    $"{field.Name} with {bad}: no message saying what is allowed");
            }
        }

        var store = _app.Services.GetRequiredService<SiteStore>();
        Assert.Empty(await store.ListBannersAsync(TestAccounts.DefaultId));
        Assert.Empty(await store.ListNavItemsAsync(TestAccounts.DefaultId));
        var profile = await store.GetProfileAsync(TestAccounts.DefaultId);
        Assert.Equal("", profile.MapLink);
        Assert.Null(profile.Share.Image);
        Assert.Empty(await _app.Services.GetRequiredService<AutoReplyRuleStore>().ListAsync(TestAccounts.DefaultId));
        await using var connection = await _app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        Assert.Equal(0L, await CountAsync(connection, "SELECT COUNT(*) FROM site_articles"));
        Assert.Equal(0L, await CountAsync(connection, "SELECT COUNT(*) FROM site_pages"));
    }

    [Fact]
    public async Task The_editor_refuses_a_hostile_link_whoever_calls_it()
    {
        var editor = _app.Services.GetRequiredService<SiteEditor>();
        var actor = AuditActor.Command("test");
        await Assert.ThrowsAsync<ArgumentException>(() => editor.AddBannerAsync(actor, TestAccounts.DefaultId, new Banner { ImageUrl = "/media/a.png", Link = " javascript:alert(1)" }));
        await Assert.ThrowsAsync<ArgumentException>(() => editor.AddNavItemAsync(actor, TestAccounts.DefaultId, new NavItem { Label = "x", Link = "//evil.example" }));
        await Assert.ThrowsAsync<ArgumentException>(() => editor.SaveProfileAsync(actor, TestAccounts.DefaultId, SiteProfile.Empty with { MapLink = "/contact" }));
        await Assert.ThrowsAsync<ArgumentException>(() => editor.SaveArticleAsync(actor, TestAccounts.DefaultId, new Article { Title = "a", CoverImage = "data:image/png;base64,AA" }));
        await Assert.ThrowsAsync<ArgumentException>(() => editor.SavePageAsync(actor, TestAccounts.DefaultId, new SitePage { Slug = "a", Title = "a", Share = new ShareFields(Image: "vbscript:x") }));
        Assert.Empty(await _app.Services.GetRequiredService<SiteStore>().ListBannersAsync(TestAccounts.DefaultId));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("  JaVaScRiPt:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example/x")]
    public async Task A_hostile_link_written_straight_into_the_tables_is_not_rendered_as_a_link(string bad)
    {
        var editor = _app.Services.GetRequiredService<SiteEditor>();
        var actor = AuditActor.Command("test");
        await editor.AddBannerAsync(actor, TestAccounts.DefaultId, new Banner { Title = "横幅", ImageUrl = "/media/a.png", Link = "/articles" });
        await editor.AddNavItemAsync(actor, TestAccounts.DefaultId, new NavItem { Label = "格子", ImageUrl = "/media/b.png", Link = "/contact" });
        await editor.SaveProfileAsync(actor, TestAccounts.DefaultId, SiteProfile.Empty with { SiteName = "店", MapLink = "https://map.example/", Share = new ShareFields(Image: "/media/c.png") });
        var articleId = (await editor.SaveArticleAsync(actor, TestAccounts.DefaultId, new Article { Title = "文章", Summary = "s", BodyHtml = "<p>x</p>", CoverImage = "/media/d.png", Featured = true, Published = true }))!.Value;
        var pageId = (await editor.SavePageAsync(actor, TestAccounts.DefaultId, new SitePage { Slug = "about", Title = "关于", BodyHtml = "<p>y</p>" })).Id!.Value;

        var body = $"<p><a href=\"{WebUtility.HtmlEncode(bad)}\">点</a><img src=\"{WebUtility.HtmlEncode(bad)}\"></p>";
        await using (var connection = await _app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync())
        {
            await ExecuteAsync(connection, "UPDATE site_banners SET link = @bad, image_url = @bad", bad);
            await ExecuteAsync(connection, "UPDATE site_nav_items SET link = @bad, image_url = @bad", bad);
            await ExecuteAsync(connection, "UPDATE site_profile SET map_link = @bad, share_image = @bad", bad);
            await ExecuteAsync(connection, "UPDATE site_articles SET cover_image = @bad, share_image = @bad, body_html = @body", bad, body);
            await ExecuteAsync(connection, "UPDATE site_pages SET share_image = @bad, body_html = @body", bad, body);
        }
        await _app.Services.GetRequiredService<ISiteCache>().ContentChangedAsync(TestAccounts.DefaultId);

        using var http = _app.CreateClient();
        foreach (var url in new[] { "/", "/contact", "/articles", $"/articles/{articleId}", "/p/about" })
        {
            var document = new HtmlParser().ParseDocument(await http.GetStringAsync(url));
            foreach (var element in document.All)
            {
                foreach (var name in new[] { "href", "src", "content" })
                {
                    if (element.GetAttribute(name) is not { } value || value is "#" or "data:," || value.StartsWith("tel:", StringComparison.Ordinal))
                        continue;
                    var absoluteHere = value.StartsWith("http://localhost/", StringComparison.Ordinal);
                    Assert.True(name == "content" ? absoluteHere || !value.Contains(':', StringComparison.Ordinal) : LinkAllowList.Clean(value) is not null,
                        $"{url}: <{element.LocalName} {name}=\"{value}\">");
                    Assert.DoesNotContain("evil.example", value, StringComparison.Ordinal);
                    Assert.DoesNotContain("script", value, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
        Assert.True(pageId > 0);
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, string bad, string? body = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "bad", bad);
        if (body is not null)
            Add(command, "body", body);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

public sealed class SqliteStoredLinkTests : StoredLinkTests
{
    protected override Task<PortalAppFactory> CreateAppAsync() => Task.FromResult(new PortalAppFactory());
}

public sealed class PostgresStoredLinkTests : StoredLinkTests
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
