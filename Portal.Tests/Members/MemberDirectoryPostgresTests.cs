using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>The members list's search on PostgreSQL: no query, a code, a nickname prefix, balances summed.</summary>
public sealed class MemberDirectoryPostgresTests : IAsyncLifetime
{
    private readonly SharedStateInstances _shared = new();

    public Task InitializeAsync() => _shared.InitializeAsync();

    public Task DisposeAsync() => _shared.DisposeAsync();

    [Fact]
    public async Task Members_are_listed_searched_and_shown_with_their_balance()
    {
        await using var app = _shared.Instance(redis: false);
        var members = app.Services.GetRequiredService<MemberStore>();
        var ming = await members.SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "小明", null), withProfile: true);
        var other = await members.SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, "Other", null), withProfile: true);
        await app.Services.GetRequiredService<PointsLedger>().AddAsync(TestAccounts.DefaultId, ming.Id, 42, "Gift", "gift:" + ming.Id);
        var code = await members.CodeAsync(TestAccounts.DefaultId, ming.Id);
        var directory = app.Services.GetRequiredService<MemberDirectory>();

        Assert.Equal([other.Id, ming.Id], (await directory.SearchAsync(TestAccounts.DefaultId, null)).Select(m => m.Id));
        Assert.Equal(42, Assert.Single(await directory.SearchAsync(TestAccounts.DefaultId, code)).Balance);
        Assert.Equal(ming.Id, Assert.Single(await directory.SearchAsync(TestAccounts.DefaultId, "小")).Id);
        Assert.Empty(await directory.SearchAsync(TestAccounts.DefaultId, "%"));
    }
}
