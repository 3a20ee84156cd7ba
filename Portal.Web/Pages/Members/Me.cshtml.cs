using Microsoft.AspNetCore.Mvc;
using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>The member centre: points, level, today's check-in, and the ways into the rest.</summary>
[RequireMember]
public sealed class MeModel(MemberStore members, PointsLedger ledger, CheckIns checkIns, Coupons coupons, MembershipSettings settings, TimeProvider time) : MemberPageModel
{
    public Member? Member { get; private set; }
    public long Balance { get; private set; }
    public long Earned { get; private set; }
    public MemberLevel Level { get; private set; } = MemberLevels.Default.Levels[0];
    public MemberLevel? NextLevel { get; private set; }
    public int Streak { get; private set; }
    public bool CheckedInToday { get; private set; }
    public int UsableCoupons { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Member = await members.FindAsync(AccountId, OpenId, ct);
        Balance = await ledger.BalanceAsync(AccountId, MemberId, ct);
        Earned = await ledger.EarnedAsync(AccountId, MemberId, ct);
        (Level, NextLevel) = (await settings.LevelsAsync(AccountId, ct)).For(Earned);
        Streak = await checkIns.StreakAsync(AccountId, MemberId, ct);
        CheckedInToday = await checkIns.CheckedInTodayAsync(AccountId, MemberId, ct);
        var now = time.GetUtcNow();
        UsableCoupons = (await coupons.WalletAsync(AccountId, MemberId, ct)).Count(c => c.UsedAt is null && c.ExpiresAt > now);
    }

    public async Task<IActionResult> OnPostCheckInAsync()
    {
        var ct = HttpContext.RequestAborted;
        var rules = await settings.CheckInRulesAsync(AccountId, ct);
        if (!MembershipLimits.Allows(rules))
        {
            // Saved before the limits existed: refused plainly until an operator saves new ones.
            Notice = "签到暂时不可用，请稍后再试。Check-in is not available right now.";
            return RedirectToPage();
        }
        var result = await checkIns.CheckInAsync(AccountId, MemberId, rules, ct);
        Notice = result.AlreadyToday
            ? "今天已经签到过了 You have checked in today."
            : $"签到成功 +{result.Points} 积分 · 连续 {result.Streak} 天";
        return RedirectToPage();
    }
}
