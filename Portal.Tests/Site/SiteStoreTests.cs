using Microsoft.Extensions.Time.Testing;
using Portal.Core.Operators;
using Portal.Core.Site;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Site;

/// <summary>The site's tables through its store and editor, on SQLite and on PostgreSQL.</summary>
public abstract class SiteStoreTests(TestDatabase database)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private static readonly AuditActor Actor = AuditActor.Command("test");

    private SiteStore Store => new(database.Factory, _time);

    private SiteEditor Editor(RecordingCache? cache = null) => new(database.Factory, Store, new AuditLog(database.Factory, _time), cache ?? new RecordingCache());

    private sealed class RecordingCache : ISiteCache
    {
        public int Evictions { get; private set; }

        public Task ContentChangedAsync(int accountId, CancellationToken ct = default)
        {
            Evictions++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Views_counted_in_memory_by_two_instances_add_up_and_drafts_gain_none()
    {
        var editor = Editor();
        var published = (await editor.SaveArticleAsync(Actor, TestAccounts.DefaultId, new Article { Title = "热门", Summary = "s", BodyHtml = "<p>x</p>", Published = true }))!.Value;
        var draft = (await editor.SaveArticleAsync(Actor, TestAccounts.DefaultId, new Article { Title = "草稿", Summary = "s", BodyHtml = "<p>x</p>" }))!.Value;
        var one = new ReadCounts(Store, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReadCounts>.Instance);
        var two = new ReadCounts(Store, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReadCounts>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => (i % 2 == 0 ? one : two).Count(i % 10 == 0 ? draft : published))));
        await Task.WhenAll(one.FlushAsync(), two.FlushAsync());
        await one.FlushAsync(); // nothing left: no double count

        Assert.Equal(180, (await Store.GetArticleAsync(TestAccounts.DefaultId, published))!.ReadCount);
        Assert.Equal(0, (await Store.GetArticleAsync(TestAccounts.DefaultId, draft))!.ReadCount);
    }

    [Fact]
    public async Task Articles_are_saved_sanitized_published_listed_and_counted()
    {
        var cache = new RecordingCache();
        var editor = Editor(cache);
        var category = await editor.AddCategoryAsync(Actor, TestAccounts.DefaultId, "新闻 " + Guid.NewGuid().ToString("N")[..6]);
        var id = (await editor.SaveArticleAsync(Actor, TestAccounts.DefaultId, new Article
        {
            Title = "开业", Summary = "s", BodyHtml = "<p onclick=x>hi<script>bad()</script></p>", CategoryId = category, Featured = true,
            Share = new ShareFields("share", "", null),
        }))!.Value;

        var draft = (await Store.GetArticleAsync(TestAccounts.DefaultId, id))!;
        Assert.Equal("<p>hi</p>", draft.BodyHtml);
        Assert.False(draft.Published);
        Assert.Null(draft.PublishedAt);
        Assert.Equal("share", draft.Share.Title);
        await Store.CountReadsAsync([new(id, 1)]);   // a draft is not read
        Assert.Equal(0, (await Store.GetArticleAsync(TestAccounts.DefaultId, id))!.ReadCount);
        Assert.DoesNotContain(await Store.ListPublishedArticlesAsync(TestAccounts.DefaultId, category, 10), a => a.Id == id);

        _time.Advance(TimeSpan.FromMinutes(5));
        await editor.SaveArticleAsync(Actor, TestAccounts.DefaultId, draft with { Published = true });
        await Store.CountReadsAsync([new(id, 1)]);
        await Store.CountReadsAsync([new(id, 1)]);
        var published = (await Store.GetArticleAsync(TestAccounts.DefaultId, id))!;
        Assert.Equal(2, published.ReadCount);
        Assert.Equal(_time.GetUtcNow(), published.PublishedAt);
        Assert.Single(await Store.ListPublishedArticlesAsync(TestAccounts.DefaultId, category, 10), a => a.Id == id);
        Assert.Contains(await Store.ListFeaturedArticlesAsync(TestAccounts.DefaultId, 50), a => a.Id == id);

        // A later save keeps the first publication time and the views counted meanwhile.
        _time.Advance(TimeSpan.FromMinutes(5));
        await editor.SaveArticleAsync(Actor, TestAccounts.DefaultId, published with { Title = "开业大吉", ReadCount = 0 });
        var again = (await Store.GetArticleAsync(TestAccounts.DefaultId, id))!;
        Assert.Equal(published.PublishedAt, again.PublishedAt);
        Assert.Equal(2, again.ReadCount);

        // Deleting the category keeps the article, uncategorised.
        Assert.True(await editor.DeleteCategoryAsync(Actor, TestAccounts.DefaultId, category));
        Assert.Null((await Store.GetArticleAsync(TestAccounts.DefaultId, id))!.CategoryId);
        Assert.True(await editor.DeleteArticleAsync(Actor, TestAccounts.DefaultId, id));
        Assert.Null(await Store.GetArticleAsync(TestAccounts.DefaultId, id));
        Assert.Equal(6, cache.Evictions);
    }

    [Fact]
    public async Task Pages_have_unique_addresses()
    {
        var editor = Editor();
        var slug = "about-" + Guid.NewGuid().ToString("N")[..8];
        var saved = await editor.SavePageAsync(Actor, TestAccounts.DefaultId, new SitePage { Slug = slug, Title = "关于", BodyHtml = "<h2>Us</h2><iframe></iframe>" });
        Assert.NotNull(saved.Id);
        Assert.Equal("<h2>Us</h2>", (await Store.GetPageBySlugAsync(TestAccounts.DefaultId, slug))!.BodyHtml);
        Assert.Equal(PageSave.SlugTaken, await editor.SavePageAsync(Actor, TestAccounts.DefaultId, new SitePage { Slug = slug, Title = "again" }));
        var other = await editor.SavePageAsync(Actor, TestAccounts.DefaultId, new SitePage { Slug = slug + "-2", Title = "other" });
        Assert.Equal(PageSave.SlugTaken, await editor.SavePageAsync(Actor, TestAccounts.DefaultId, new SitePage { Id = other.Id!.Value, Slug = slug, Title = "other" }));
    }

    [Fact]
    public async Task Banners_and_grid_cells_keep_their_order_and_move_up_and_down()
    {
        var editor = Editor();
        var before = (await Store.ListBannersAsync(TestAccounts.DefaultId)).Count;
        var a = await editor.AddBannerAsync(Actor, TestAccounts.DefaultId, new Banner { ImageUrl = "/media/a.png", Title = "A" });
        var b = await editor.AddBannerAsync(Actor, TestAccounts.DefaultId, new Banner { ImageUrl = "/media/b.png", Title = "B" });
        Assert.Equal([a, b], (await Store.ListBannersAsync(TestAccounts.DefaultId)).Skip(before).Select(x => x.Id));
        Assert.True(await editor.MoveBannerAsync(Actor, TestAccounts.DefaultId, b, up: true));
        Assert.Equal(b, (await Store.ListBannersAsync(TestAccounts.DefaultId)).Select(x => x.Id).First(x => x == a || x == b));
        Assert.True(await editor.SetBannerActiveAsync(Actor, TestAccounts.DefaultId, a, false));
        Assert.False((await Store.ListBannersAsync(TestAccounts.DefaultId)).Single(x => x.Id == a).Active);

        var one = await editor.AddNavItemAsync(Actor, TestAccounts.DefaultId, new NavItem { Label = "一", Link = "/p/one" });
        var two = await editor.AddNavItemAsync(Actor, TestAccounts.DefaultId, new NavItem { Label = "二", Link = "/p/two" });
        Assert.False(await editor.MoveNavItemAsync(Actor, TestAccounts.DefaultId, two, up: false));   // already last
        Assert.True(await editor.MoveNavItemAsync(Actor, TestAccounts.DefaultId, one, up: false));
        var order = (await Store.ListNavItemsAsync(TestAccounts.DefaultId)).Select(x => x.Id).Where(x => x == one || x == two).ToList();
        Assert.Equal([two, one], order);
        Assert.True(await editor.DeleteNavItemAsync(Actor, TestAccounts.DefaultId, one));
    }

    [Fact]
    public async Task The_profile_is_one_row_saved_again_and_again_and_audited()
    {
        var editor = Editor();
        await editor.SaveProfileAsync(Actor, TestAccounts.DefaultId, new SiteProfile { SiteName = "小店", Address = "北京市", Share = new ShareFields("t", "d", "/media/x.png") });
        await editor.SaveProfileAsync(Actor, TestAccounts.DefaultId, new SiteProfile { SiteName = "小店二", Phone = "010-1234", MapLink = "https://map.example/?q=1" });
        var profile = await Store.GetProfileAsync(TestAccounts.DefaultId);
        Assert.Equal("小店二", profile.SiteName);
        Assert.Equal("010-1234", profile.Phone);
        Assert.Equal("", profile.Address);
        var entries = await new AuditLog(database.Factory, _time).ListAsync(new AuditQuery { EntityType = "site_profile" });
        Assert.True(entries.Count >= 2);
    }
}

public sealed class SqliteSiteStoreTests(SqliteTestDatabase database) : SiteStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresSiteStoreTests(PostgresTestDatabase database) : SiteStoreTests(database), IClassFixture<PostgresTestDatabase>;
