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

/// <summary>The tag client against the sandbox platform over HTTP, with the platform's limits.</summary>
public sealed class TagClientTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private TagClient Tags => app.Client<TagClient>();

    private static string UniqueName(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task A_tag_is_created_renamed_and_deleted()
    {
        var tag = await app.CallAsync((t, ct) => Tags.CreateAsync(t, UniqueName("广东"), ct));
        Assert.False(TagRules.IsReserved(tag.Id));

        var renamed = UniqueName("广东人");
        await app.CallAsync((t, ct) => Tags.UpdateAsync(t, tag.Id, renamed, ct));
        Assert.Contains(await app.CallAsync((t, ct) => Tags.GetAsync(t, ct)), x => x.Id == tag.Id && x.Name == renamed);

        await app.CallAsync((t, ct) => Tags.DeleteAsync(t, tag.Id, ct));
        Assert.DoesNotContain(await app.CallAsync((t, ct) => Tags.GetAsync(t, ct)), x => x.Id == tag.Id);
        Assert.Equal(TagErrorCodes.UnknownTag, await app.RefusalAsync((t, ct) => Tags.DeleteAsync(t, tag.Id, ct)));
    }

    [Fact]
    public async Task Names_are_unique_and_at_most_30_bytes()
    {
        var name = UniqueName("名");
        var tag = await app.CallAsync((t, ct) => Tags.CreateAsync(t, name, ct));
        var other = await app.CallAsync((t, ct) => Tags.CreateAsync(t, UniqueName("另"), ct));

        Assert.Equal(TagErrorCodes.NameTaken, await app.RefusalAsync((t, ct) => Tags.CreateAsync(t, name, ct)));
        Assert.Equal(TagErrorCodes.NameTaken, await app.RefusalAsync((t, ct) => Tags.UpdateAsync(t, other.Id, name, ct)));
        Assert.Equal(TagErrorCodes.NameTooLong, await app.RefusalAsync((t, ct) => Tags.CreateAsync(t, new string('标', 11), ct))); // 33 bytes
        var longest = await app.CallAsync((t, ct) => Tags.CreateAsync(t, Guid.NewGuid().ToString("N")[..3] + new string('标', 9), ct)); // 30 bytes
        Assert.NotEqual(tag.Id, longest.Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_platforms_reserved_tags_cannot_be_changed(int id)
    {
        Assert.Equal(TagErrorCodes.ReservedTag, await app.RefusalAsync((t, ct) => Tags.UpdateAsync(t, id, UniqueName("改"), ct)));
        Assert.Equal(TagErrorCodes.ReservedTag, await app.RefusalAsync((t, ct) => Tags.DeleteAsync(t, id, ct)));
    }

    [Fact]
    public async Task Followers_are_tagged_and_untagged_in_batches_and_their_tags_kept_in_step()
    {
        var tag = await app.CallAsync((t, ct) => Tags.CreateAsync(t, UniqueName("会员"), ct));
        var openIds = Enumerable.Range(0, 3).Select(_ => app.FollowerWhoJustWrote()).ToArray();

        await app.CallAsync((t, ct) => Tags.TagAsync(t, tag.Id, openIds, ct));

        Assert.Equal([tag.Id], await app.CallAsync((t, ct) => Tags.GetIdListAsync(t, openIds[0], ct)));
        Assert.Equal(3, (await app.CallAsync((t, ct) => Tags.GetAsync(t, ct))).Single(x => x.Id == tag.Id).Count);
        Assert.Equal(openIds, (await app.CallAsync((t, ct) => Tags.FollowersAsync(t, tag.Id, null, ct))).OpenIds);
        var info = await app.CallAsync((t, ct) => app.Client<UserClient>().InfoAsync(t, openIds[1], ct: ct));
        Assert.Equal([tag.Id], info.TagIds);

        await app.CallAsync((t, ct) => Tags.UntagAsync(t, tag.Id, [openIds[0]], ct));
        Assert.Empty(await app.CallAsync((t, ct) => Tags.GetIdListAsync(t, openIds[0], ct)));
        Assert.Equal(openIds[1..], (await app.CallAsync((t, ct) => Tags.FollowersAsync(t, tag.Id, null, ct))).OpenIds);

        await app.CallAsync((t, ct) => Tags.DeleteAsync(t, tag.Id, ct));
        Assert.Empty(app.Client<SandboxFollowers>().Find(openIds[1])!.TagIds);
    }

    [Fact]
    public async Task A_batch_holds_at_most_50_followers_all_known()
    {
        var tag = await app.CallAsync((t, ct) => Tags.CreateAsync(t, UniqueName("批量"), ct));
        var fiftyOne = app.Client<SandboxFollowers>().Seed(51).Select(f => f.OpenId).ToArray();

        Assert.Equal(TagErrorCodes.BatchSize, await app.RefusalAsync((t, ct) => Tags.TagAsync(t, tag.Id, fiftyOne, ct)));
        Assert.Equal(40003, await app.RefusalAsync((t, ct) => Tags.TagAsync(t, tag.Id, [fiftyOne[0], "o-nobody-the-sandbox-knows"], ct)));
        Assert.Empty(app.Client<SandboxFollowers>().Find(fiftyOne[0])!.TagIds); // all or nothing
        Assert.Equal(TagErrorCodes.UnknownTag, await app.RefusalAsync((t, ct) => Tags.TagAsync(t, 99_999, [fiftyOne[0]], ct)));

        await app.CallAsync((t, ct) => Tags.TagAsync(t, tag.Id, fiftyOne[..50], ct));
        Assert.Equal(50, (await app.CallAsync((t, ct) => Tags.FollowersAsync(t, tag.Id, null, ct))).OpenIds.Count);
    }

    [Fact]
    public async Task A_follower_carries_at_most_20_tags()
    {
        var openId = app.FollowerWhoJustWrote();
        for (var i = 0; i < TagRules.MaxTagsPerFollower; i++)
        {
            var each = await app.CallAsync((t, ct) => Tags.CreateAsync(t, UniqueName("多"), ct));
            await app.CallAsync((t, ct) => Tags.TagAsync(t, each.Id, [openId], ct));
        }
        var oneMore = await app.CallAsync((t, ct) => Tags.CreateAsync(t, UniqueName("多"), ct));

        Assert.Equal(TagErrorCodes.TooManyTagsOnFollower, await app.RefusalAsync((t, ct) => Tags.TagAsync(t, oneMore.Id, [openId], ct)));
        Assert.Equal(TagRules.MaxTagsPerFollower, (await app.CallAsync((t, ct) => Tags.GetIdListAsync(t, openId, ct))).Count);
    }
}

/// <summary>The account-wide tag limit, in an app of its own so other tests' tags do not count.</summary>
public sealed class TagLimitTests : IDisposable
{
    private readonly PortalAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_account_has_at_most_100_tags()
    {
        var tags = _app.Client<TagClient>();
        for (var i = 0; i < TagRules.MaxTags; i++)
            await _app.CallAsync((t, ct) => tags.CreateAsync(t, $"tag {i}", ct));

        Assert.Equal(TagErrorCodes.TooManyTags, await _app.RefusalAsync((t, ct) => tags.CreateAsync(t, "one too many", ct)));
    }
}
