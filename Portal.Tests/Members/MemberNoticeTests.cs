using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Members;
using Portal.Core.Operators;
using Portal.Core.Outbox;
using Portal.Tests.Infrastructure;
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

namespace Portal.Tests.Members;

/// <summary>Template messages about points and coupons reach the member's WeChat (the sandbox's) once.</summary>
public sealed class MemberNoticeTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<Member> FollowingMemberAsync()
    {
        var openId = app.FollowerWhoJustWrote("会员");
        return await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(openId, null, null, null), false);
    }

    /// <summary>
    /// What the platform delivered to <paramref name="openId"/> once the outbox has nothing left to send them: every
    /// notice goes through the outbox, so a duplicate, if there were one, would be delivered by then too.
    /// </summary>
    private async Task<IReadOnlyCollection<SandboxDelivery>> DeliveredAsync(string openId, int count)
    {
        var inbox = app.Services.GetRequiredService<SandboxInbox>();
        var db = app.Services.GetRequiredService<Portal.Core.Data.DbConnectionFactory>();
        await Eventually.HoldsAsync(async () =>
        {
            await using var connection = await db.OpenAsync();
            var unfinished = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                "SELECT COUNT(*) FROM outbox WHERE openid = @openId AND status NOT IN (@sent, @failed)",
                new { openId, sent = OutboxStatus.Sent, failed = OutboxStatus.Failed });
            return unfinished == 0 && inbox.For(openId).Count >= count;
        });
        return inbox.For(openId);
    }

    [Fact]
    public async Task Points_added_at_the_counter_are_announced_with_the_new_balance()
    {
        var member = await FollowingMemberAsync();

        await app.Services.GetRequiredService<MemberAdministration>().AdjustPointsAsync(new AuditActor(null, "counter"), TestAccounts.DefaultId, member.Id, 40, "In-store purchase", "form-1");

        var card = Assert.Single(await DeliveredAsync(member.OpenId, 1));
        Assert.Equal("template", card.MsgType);
        Assert.Contains("变动积分：+40", card.Message.GetProperty("text").GetString());
        Assert.Contains("当前积分：40", card.Message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_coupon_about_to_expire_is_reminded_once_however_often_the_sweep_runs()
    {
        var member = await FollowingMemberAsync();
        var coupons = app.Services.GetRequiredService<Coupons>();
        var offer = await coupons.CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = "满100减20", AmountOffCents = 2000, ValidDays = 2 });
        var longLived = await coupons.CreateAsync(TestAccounts.DefaultId, new CouponTemplate { Name = "Long", AmountOffCents = 100, ValidDays = 30 });
        await coupons.ClaimAsync(TestAccounts.DefaultId, member.Id, offer.Id);
        await coupons.ClaimAsync(TestAccounts.DefaultId, member.Id, longLived.Id);
        var notices = app.Services.GetRequiredService<MemberNotices>();

        await notices.RemindExpiringCouponsAsync();
        await notices.RemindExpiringCouponsAsync();

        var card = Assert.Single(await DeliveredAsync(member.OpenId, 1));
        Assert.Contains("优惠券：满100减20", card.Message.GetProperty("text").GetString());
    }
}
