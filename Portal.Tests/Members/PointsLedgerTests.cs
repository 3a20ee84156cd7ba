using Portal.Tests.Infrastructure;
namespace Portal.Tests.Members;

/// <summary>The points ledger on both databases: idempotent, never below zero, whatever the concurrency.</summary>
public sealed class PointsLedgerTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task The_same_key_twice_credits_once(string provider)
    {
        await using var db = await MembershipDatabase.StartAsync(provider);
        var ledger = db.Ledger;
        var member = await db.MemberAsync();

        var first = await ledger.AddAsync(TestAccounts.DefaultId, member, 50, "Welcome gift", "welcome:" + member);
        var again = await ledger.AddAsync(TestAccounts.DefaultId, member, 50, "Welcome gift", "welcome:" + member);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Entry!.Id, again.Entry!.Id);
        Assert.Equal(50, await ledger.BalanceAsync(TestAccounts.DefaultId, member));
        Assert.Single(await ledger.HistoryAsync(TestAccounts.DefaultId, member));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Concurrent_spends_never_take_the_balance_below_zero(string provider)
    {
        await using var db = await MembershipDatabase.StartAsync(provider);
        var ledger = db.Ledger;
        var member = await db.MemberAsync();
        await ledger.AddAsync(TestAccounts.DefaultId, member, 100, "Opening balance", "open:" + member);

        var spends = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => Task.Run(() => ledger.AddAsync(TestAccounts.DefaultId, member, -10, "Redeemed at the counter", $"spend:{member}:{i}"))));

        Assert.Equal(10, spends.Count(s => !s.Refused));
        Assert.Equal(15, spends.Count(s => s.Refused));
        Assert.Equal(0, await ledger.BalanceAsync(TestAccounts.DefaultId, member));
    }

    [Fact]
    public async Task A_spend_larger_than_the_balance_is_refused_and_recorded_nowhere()
    {
        await using var db = await MembershipDatabase.StartAsync("Sqlite");
        var ledger = db.Ledger;
        var member = await db.MemberAsync();
        await ledger.AddAsync(TestAccounts.DefaultId, member, 30, "Check-in", "c:" + member);

        var refused = await ledger.AddAsync(TestAccounts.DefaultId, member, -31, "Redeemed", "r:" + member);

        Assert.True(refused.Refused);
        Assert.Equal(30, refused.Balance);
        Assert.Single(await ledger.HistoryAsync(TestAccounts.DefaultId, member));
    }
}
