using Portal.Core.Followers;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
using Portal.Tests.Platform;
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

/// <summary>The user client against the sandbox platform over HTTP.</summary>
public sealed class UserClientTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private UserClient Users => app.Client<UserClient>();

    [Fact]
    public async Task User_info_tells_what_the_platform_still_discloses()
    {
        var openId = app.FollowerWhoJustWrote();

        var info = await app.CallAsync((t, ct) => Users.InfoAsync(t, openId, ct: ct));

        Assert.True(info.IsSubscribed);
        Assert.Equal(openId, info.OpenId);
        Assert.Equal("ADD_SCENE_SEARCH", info.SubscribeScene);
        Assert.NotNull(info.SubscribedAt);
        Assert.Empty(info.TagIds);
    }

    [Fact]
    public async Task Someone_who_unfollowed_is_told_as_not_subscribed_and_a_stranger_is_refused()
    {
        var followers = app.Client<SandboxFollowers>();
        var gone = followers.Find(app.FollowerWhoJustWrote())!;
        followers.Unfollow(gone);

        var info = await app.CallAsync((t, ct) => Users.InfoAsync(t, gone.OpenId, ct: ct));

        Assert.False(info.IsSubscribed);
        Assert.Equal(40003, await app.RefusalAsync((t, ct) => Users.InfoAsync(t, "o-nobody-the-sandbox-knows", ct: ct)));
    }

    [Fact]
    public async Task Batchget_answers_each_follower_in_the_order_asked()
    {
        var openIds = Enumerable.Range(0, 3).Select(_ => app.FollowerWhoJustWrote()).ToArray();

        var infos = await app.CallAsync((t, ct) => Users.BatchGetAsync(t, openIds, ct: ct));

        Assert.Equal(openIds, infos.Select(i => i.OpenId));
        Assert.Equal(40003, await app.RefusalAsync((t, ct) => Users.BatchGetAsync(t, [openIds[0], "o-nobody-the-sandbox-knows"], ct: ct)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Users.BatchGetAsync("token", [.. Enumerable.Range(0, 101).Select(i => $"o{i}")]));
    }

    [Fact]
    public async Task A_remark_is_kept_and_told_back()
    {
        var openId = app.FollowerWhoJustWrote();

        await app.CallAsync((t, ct) => Users.UpdateRemarkAsync(t, openId, "老顾客 🍜", ct));

        var info = await app.CallAsync((t, ct) => Users.InfoAsync(t, openId, ct: ct));
        Assert.Equal("老顾客 🍜", info.Remark);
        Assert.Equal(40003, await app.RefusalAsync((t, ct) => Users.UpdateRemarkAsync(t, "o-nobody-the-sandbox-knows", "x", ct)));
    }
}

/// <summary>Paging through a large account, in an app of its own so the followers counted are only these.</summary>
public sealed class UserListPagingTests : IDisposable
{
    private readonly PortalAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Walking_user_get_reaches_every_follower_exactly_once()
    {
        var seeded = _app.Client<SandboxFollowers>().Seed(25_000);

        var walked = new List<string>();
        await foreach (var openId in _app.Client<UserClient>().GetAllAsync(_app.Client<AccessTokenBroker>(), _app.Services.DefaultAccount()))
            walked.Add(openId);

        Assert.Equal(seeded.Count, walked.Count);
        Assert.Equal(seeded.Select(f => f.OpenId).ToHashSet(), walked.ToHashSet());
        // Three full or partial pages of 10 000, then the empty page that ends the walk.
        Assert.Equal(4, _app.Client<SandboxQuotas>().Used("user/get"));
    }

    [Fact]
    public async Task A_page_tells_the_total_and_where_the_next_starts()
    {
        var seeded = _app.Client<SandboxFollowers>().Seed(12_345);
        var users = _app.Client<UserClient>();

        var first = await _app.CallAsync((t, ct) => users.GetAsync(t, null, ct));
        var second = await _app.CallAsync((t, ct) => users.GetAsync(t, first.NextOpenId, ct));

        Assert.Equal(12_345, first.Total);
        Assert.Equal(UserClient.PageSize, first.OpenIds.Count);
        Assert.Equal(seeded[UserClient.PageSize - 1].OpenId, first.NextOpenId);
        Assert.Equal(seeded[UserClient.PageSize].OpenId, second.OpenIds[0]);
        Assert.Equal(2_345, second.OpenIds.Count);
    }
}
