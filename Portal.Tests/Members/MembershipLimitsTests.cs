using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>
/// Points arithmetic never wraps: the largest rules an operator may save credit exactly what they say
/// on both databases, and a sum past an integer's limit fails instead of turning into a loss.
/// </summary>
public sealed class MembershipLimitsTests
{
    private static readonly CheckInRules Largest = new(MembershipLimits.MaxCheckInPoints, new Dictionary<int, int> { [2] = MembershipLimits.MaxCheckInPoints });

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task The_largest_check_in_rules_credit_exactly_their_points(string provider)
    {
        await using var db = await MembershipDatabase.StartAsync(provider);
        var member = await db.MemberAsync();

        var first = await db.CheckIns.CheckInAsync(TestAccounts.DefaultId, member, Largest);
        db.Clock.Advance(TimeSpan.FromDays(1));
        var second = await db.CheckIns.CheckInAsync(TestAccounts.DefaultId, member, Largest);

        Assert.True(MembershipLimits.Allows(Largest));
        Assert.Equal(10_000, first.Points);
        Assert.Equal(20_000, second.Points);
        Assert.Equal(30_000, second.Balance);
        Assert.Equal(30_000, await db.Ledger.BalanceAsync(TestAccounts.DefaultId, member));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Rules_past_an_integers_limit_fail_the_check_in_and_take_no_points(string provider)
    {
        await using var db = await MembershipDatabase.StartAsync(provider);
        var member = await db.MemberAsync();
        await db.Ledger.AddAsync(TestAccounts.DefaultId, member, 100, "Opening balance", "open:" + member);
        var wrapping = new CheckInRules(int.MaxValue, new Dictionary<int, int> { [1] = 1 }); // saved before limits existed

        await Assert.ThrowsAsync<OverflowException>(() => db.CheckIns.CheckInAsync(TestAccounts.DefaultId, member, wrapping));

        Assert.Equal(100, await db.Ledger.BalanceAsync(TestAccounts.DefaultId, member));
        Assert.False(await db.CheckIns.CheckedInTodayAsync(TestAccounts.DefaultId, member));
    }

    [Fact]
    public void Rules_and_coupons_outside_the_limits_are_not_allowed()
    {
        Assert.False(MembershipLimits.Allows(new CheckInRules(MembershipLimits.MaxCheckInPoints + 1, new Dictionary<int, int>())));
        Assert.False(MembershipLimits.Allows(new CheckInRules(5, new Dictionary<int, int> { [MembershipLimits.MaxStreakDay + 1] = 1 })));
        Assert.False(MembershipLimits.Allows(new CheckInRules(5, new Dictionary<int, int> { [3] = -1 })));
        Assert.True(MembershipLimits.Allows(CheckInRules.Default));
        Assert.False(MembershipLimits.Allows(new CouponTemplate { Name = "x", AmountOffCents = MembershipLimits.MaxCouponCents + 1, ValidDays = 1 }));
        Assert.False(MembershipLimits.Allows(new CouponTemplate { Name = "x", AmountOffCents = 100, ValidDays = int.MaxValue }));
        Assert.False(MembershipLimits.Allows(new CouponTemplate { Name = "x", AmountOffCents = 100, ValidDays = 1, TotalQuantity = 0 }));
        Assert.True(MembershipLimits.Allows(new CouponTemplate { Name = "x", AmountOffCents = 100, ValidDays = 1 }));
        Assert.False(MembershipLimits.AllowsPointsChange(int.MinValue));
        Assert.False(MembershipLimits.AllowsPointsChange(0));
        Assert.True(MembershipLimits.AllowsPointsChange(-MembershipLimits.MaxPointsChange));
    }
}
