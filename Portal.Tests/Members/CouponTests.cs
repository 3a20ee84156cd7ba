using Portal.Core.Members;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Members;

/// <summary>Coupon claims within their limits under concurrency; a coupon used once and not after it expires.</summary>
public sealed class CouponTests
{
    private static CouponTemplate Template(int? total = null, int perMember = 1) => new()
    {
        Name = "¥10 off ¥50",
        AmountOffCents = 1000,
        MinSpendCents = 5000,
        ValidDays = 7,
        TotalQuantity = total,
        PerMemberLimit = perMember,
    };

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task No_more_are_claimed_than_the_total_however_many_ask_at_once(string provider)
    {
        await using var db = await MembershipDatabase.StartAsync(provider);
        var coupons = db.Coupons;
        var template = await coupons.CreateAsync(TestAccounts.DefaultId, Template(total: 5));
        var members = new List<long>();
        for (var i = 0; i < 20; i++)
            members.Add(await db.MemberAsync());

        var claims = await Task.WhenAll(members.Select(m => Task.Run(() => coupons.ClaimAsync(TestAccounts.DefaultId, m, template.Id))));

        Assert.Equal(5, claims.Count(c => c.Refusal == CouponRefusal.None));
        Assert.All(claims.Where(c => c.Coupon is null), c => Assert.Equal(CouponRefusal.AllClaimed, c.Refusal));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task A_member_gets_no_more_than_their_limit_when_tapping_repeatedly(string provider)
    {
        await using var db = await MembershipDatabase.StartAsync(provider);
        var coupons = db.Coupons;
        var template = await coupons.CreateAsync(TestAccounts.DefaultId, Template(perMember: 2));
        var member = await db.MemberAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => coupons.ClaimAsync(TestAccounts.DefaultId, member, template.Id))));

        Assert.Equal(2, claims.Count(c => c.Refusal == CouponRefusal.None));
        Assert.Equal(2, (await coupons.WalletAsync(TestAccounts.DefaultId, member)).Count);
    }

    [Fact]
    public async Task A_coupon_is_used_once_and_not_after_it_expires()
    {
        await using var db = await MembershipDatabase.StartAsync("Sqlite");
        var coupons = db.Coupons;
        var template = await coupons.CreateAsync(TestAccounts.DefaultId, Template(perMember: 2));
        var member = await db.MemberAsync();
        var (first, _) = await coupons.ClaimAsync(TestAccounts.DefaultId, member, template.Id);
        var (second, _) = await coupons.ClaimAsync(TestAccounts.DefaultId, member, template.Id);

        Assert.Equal(CouponRefusal.None, await coupons.UseAsync(TestAccounts.DefaultId, first!.Code, "counter"));
        Assert.Equal(CouponRefusal.AlreadyUsed, await coupons.UseAsync(TestAccounts.DefaultId, first.Code, "counter"));
        db.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(CouponRefusal.Expired, await coupons.UseAsync(TestAccounts.DefaultId, second!.Code, "counter"));
        Assert.Equal(CouponRefusal.NoSuchCoupon, await coupons.UseAsync(TestAccounts.DefaultId, "000000000000", "counter"));
    }
}
