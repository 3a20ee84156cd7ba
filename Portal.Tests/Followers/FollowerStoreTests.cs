using Portal.Core.Followers;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Followers;

public abstract class FollowerStoreTests(TestDatabase database)
{
    private readonly FollowerStore _store = new(database.Factory);
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 30, 15, 123, TimeSpan.Zero);

    private static string OpenId() => "o" + Guid.NewGuid().ToString("N")[..27];

    [Fact]
    public async Task A_follow_through_a_qr_scene_records_the_scene()
    {
        var openId = OpenId();
        await _store.SubscribeAsync(TestAccounts.DefaultId, openId, "spring-poster", Monday);

        var follower = await _store.GetAsync(TestAccounts.DefaultId, openId);
        Assert.NotNull(follower);
        Assert.True(follower.Subscribed);
        Assert.Equal("spring-poster", follower.QrScene);
        Assert.Equal(Monday, follower.SubscribedAt);
        Assert.Equal(Monday, follower.LastInteractionAt);
    }

    [Fact]
    public async Task Unfollowing_keeps_the_follower_and_marks_them_gone()
    {
        var openId = OpenId();
        await _store.SubscribeAsync(TestAccounts.DefaultId, openId, null, Monday);
        await _store.UnsubscribeAsync(TestAccounts.DefaultId, openId, Monday.AddDays(2));

        var follower = (await _store.GetAsync(TestAccounts.DefaultId, openId))!;
        Assert.False(follower.Subscribed);
        Assert.Equal(Monday, follower.SubscribedAt);
        Assert.Equal(Monday.AddDays(2), follower.UnsubscribedAt);
    }

    [Fact]
    public async Task Following_again_replaces_the_scene_and_clears_the_unfollow()
    {
        var openId = OpenId();
        await _store.SubscribeAsync(TestAccounts.DefaultId, openId, "a", Monday);
        await _store.UnsubscribeAsync(TestAccounts.DefaultId, openId, Monday.AddHours(1));
        await _store.SubscribeAsync(TestAccounts.DefaultId, openId, "b", Monday.AddHours(2));

        var follower = (await _store.GetAsync(TestAccounts.DefaultId, openId))!;
        Assert.True(follower.Subscribed);
        Assert.Equal("b", follower.QrScene);
        Assert.Null(follower.UnsubscribedAt);
        Assert.Equal(Monday.AddHours(2), follower.SubscribedAt);
    }

    [Fact]
    public async Task A_message_from_someone_unknown_creates_a_follower_and_opens_their_window()
    {
        var openId = OpenId();
        await _store.TouchAsync(TestAccounts.DefaultId, openId, Monday);
        await _store.TouchAsync(TestAccounts.DefaultId, openId, Monday.AddMinutes(5));

        var follower = (await _store.GetAsync(TestAccounts.DefaultId, openId))!;
        Assert.True(follower.Subscribed);
        Assert.Equal(Monday.AddMinutes(5), follower.LastInteractionAt);
        Assert.Equal(Monday, follower.CreatedAt);
    }

    [Fact]
    public async Task Only_current_followers_are_counted()
    {
        var before = await _store.CountSubscribedAsync(TestAccounts.DefaultId);
        var (a, b) = (OpenId(), OpenId());
        await _store.SubscribeAsync(TestAccounts.DefaultId, a, null, Monday);
        await _store.SubscribeAsync(TestAccounts.DefaultId, b, null, Monday);
        await _store.UnsubscribeAsync(TestAccounts.DefaultId, b, Monday);
        Assert.Equal(before + 1, await _store.CountSubscribedAsync(TestAccounts.DefaultId));
    }

    [Fact]
    public async Task An_unknown_openid_has_no_record() => Assert.Null(await _store.GetAsync(TestAccounts.DefaultId, OpenId()));
}

public sealed class SqliteFollowerStoreTests(SqliteTestDatabase database) : FollowerStoreTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresFollowerStoreTests(PostgresTestDatabase database) : FollowerStoreTests(database), IClassFixture<PostgresTestDatabase>;
