using Portal.Core.Followers;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Followers;

/// <summary>Keyset paging of the followers list: every follower exactly once, in order, under each filter, both ways.</summary>
public abstract class FollowerListTests(TestDatabase database) : IAsyncLifetime
{
    private readonly FollowerStore _store = new(database.Factory);
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Each test class owns its database; the marker keeps this class's rows apart from anything else.
    private readonly string _marker = "L" + Guid.NewGuid().ToString("N")[..6];
    private readonly List<UserInfo> _users = [];

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 230; i++)
        {
            _users.Add(new UserInfo
            {
                Subscribe = i % 5 == 0 ? 0 : 1,
                OpenId = $"o{_marker}{i:D4}".PadRight(28, 'x'),
                // Many share a second, so the OpenID must break ties for no row to repeat or go missing.
                SubscribeTime = Start.AddSeconds(i / 4).ToUnixTimeSeconds(),
                Remark = i % 3 == 0 ? $"{_marker}-vip-{i}" : $"{_marker}-plain-{i}",
                TagIds = i % 2 == 0 ? [101] : i % 7 == 0 ? [101, 102] : [],
                QrSceneStr = i % 4 == 0 ? $"{_marker}-poster" : null,
                SubscribeScene = i % 4 == 0 ? "ADD_SCENE_QR_CODE" : "ADD_SCENE_SEARCH",
            });
        }
        await _store.InTransactionAsync(async tx =>
        {
            await _store.UpsertFromPlatformAsync(tx, TestAccounts.DefaultId, _users, Start.AddDays(1));
            return true;
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<UserInfo> Mine(Func<UserInfo, bool> match) => _users.Where(match);

    public static TheoryData<string> Filters => ["all", "tag", "subscribed", "unsubscribed", "scene", "search", "tag+subscribed"];

    private (FollowerFilter Filter, Func<UserInfo, bool> Match) Case(string name) => name switch
    {
        // "all" runs over this class's rows only through the search, which also exercises the remark range.
        "all" => (new FollowerFilter(Search: _marker), _ => true),
        "tag" => (new FollowerFilter(TagId: 101, Search: _marker), u => u.TagIds.Contains(101)),
        "subscribed" => (new FollowerFilter(Subscribed: true, Search: _marker), u => u.IsSubscribed),
        "unsubscribed" => (new FollowerFilter(Subscribed: false, Search: _marker), u => !u.IsSubscribed),
        "scene" => (new FollowerFilter(Scene: $"{_marker}-poster"), u => u.QrSceneStr is not null),
        "search" => (new FollowerFilter(Search: $"{_marker}-vip"), u => u.Remark!.StartsWith($"{_marker}-vip", StringComparison.Ordinal)),
        "tag+subscribed" => (new FollowerFilter(TagId: 101, Subscribed: true, Search: _marker), u => u.TagIds.Contains(101) && u.IsSubscribed),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Paging_forwards_returns_every_follower_once_newest_first(string filterName)
    {
        var (filter, match) = Case(filterName);
        var expected = Mine(match).Select(u => u.OpenId).ToHashSet();

        var seen = new List<Follower>();
        FollowerCursor? after = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await _store.ListAsync(TestAccounts.DefaultId, filter, after, pageSize: 7);
            seen.AddRange(page.Rows);
            if (page.Next is null)
                break;
            after = page.Next;
        }

        Assert.Equal(seen.Count, seen.Select(f => f.OpenId).Distinct().Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Select(f => f.OpenId).Order(StringComparer.Ordinal));
        Assert.Equal(seen.OrderByDescending(f => f.ListedAt).ThenByDescending(f => f.OpenId, StringComparer.Ordinal).Select(f => f.OpenId), seen.Select(f => f.OpenId));
        Assert.All(seen, f => Assert.True(match(_users.Single(u => u.OpenId == f.OpenId))));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Paging_back_from_the_last_page_returns_the_same_followers(string filterName)
    {
        var (filter, _) = Case(filterName);
        var forwards = new List<string>();
        FollowerPage page = await _store.ListAsync(TestAccounts.DefaultId, filter, pageSize: 9);
        forwards.AddRange(page.Rows.Select(r => r.OpenId));
        while (page.Next is { } next)
        {
            page = await _store.ListAsync(TestAccounts.DefaultId, filter, after: next, pageSize: 9);
            forwards.AddRange(page.Rows.Select(r => r.OpenId));
        }

        var backwards = new List<string>(page.Rows.Select(r => r.OpenId));
        while (page.Previous is { } previous)
        {
            page = await _store.ListAsync(TestAccounts.DefaultId, filter, before: previous, pageSize: 9);
            backwards.InsertRange(0, page.Rows.Select(r => r.OpenId));
        }

        Assert.NotEmpty(forwards);
        Assert.Equal(forwards, backwards);
    }

    [Fact]
    public async Task An_exact_openid_finds_that_follower_only()
    {
        var one = _users[17];
        var page = await _store.ListAsync(TestAccounts.DefaultId, new FollowerFilter(Search: one.OpenId));
        Assert.Equal(one.OpenId, Assert.Single(page.Rows).OpenId);
    }

    [Fact]
    public void A_cursor_survives_its_link_and_a_mangled_one_starts_over()
    {
        var cursor = new FollowerCursor(Start.AddTicks(1234560), "oAbc_-");
        Assert.Equal(cursor, FollowerCursor.Decode(cursor.Encode()));
        Assert.Null(FollowerCursor.Decode("not a cursor!"));
    }
}

public sealed class SqliteFollowerListTests(SqliteTestDatabase database) : FollowerListTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresFollowerListTests(PostgresTestDatabase database) : FollowerListTests(database), IClassFixture<PostgresTestDatabase>;
