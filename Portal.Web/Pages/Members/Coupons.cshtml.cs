using Microsoft.AspNetCore.Mvc;
using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>The member's coupons and the ones on offer, claimed within their limits.</summary>
[RequireMember]
public sealed class CouponsModel(Coupons coupons, TimeProvider time) : MemberPageModel
{
    private Dictionary<long, CouponTemplate> _templates = [];

    public IReadOnlyList<MemberCoupon> Wallet { get; private set; } = [];
    public IReadOnlyList<CouponTemplate> Offers { get; private set; } = [];

    public CouponTemplate? TemplateOf(MemberCoupon coupon) => _templates.GetValueOrDefault(coupon.TemplateId);

    /// <summary>
    /// Whether the member holds as many of this coupon as one member may claim (used ones count, as they do
    /// for the claim itself): the button is then shown disabled with the reason, not left to refuse.
    /// </summary>
    public bool LimitReached(CouponTemplate offer) => Wallet.Count(c => c.TemplateId == offer.Id) >= offer.PerMemberLimit;

    public string StateOf(MemberCoupon coupon) =>
        coupon.UsedAt is not null ? "已使用 Used"
        : coupon.ExpiresAt <= time.GetUtcNow() ? "已过期 Expired"
        : $"有效期至 {coupon.ExpiresAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd}";

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var templates = await coupons.TemplatesAsync(AccountId, ct);
        _templates = templates.ToDictionary(t => t.Id);
        Wallet = await coupons.WalletAsync(AccountId, MemberId, ct);
        Offers = templates.Where(t => t.Enabled).ToList();
    }

    public async Task<IActionResult> OnPostClaimAsync(long templateId)
    {
        var (_, refusal) = await coupons.ClaimAsync(AccountId, MemberId, templateId, HttpContext.RequestAborted);
        Notice = refusal switch
        {
            CouponRefusal.None => "领取成功 Claimed.",
            CouponRefusal.AllClaimed => "已被领完 All have been claimed.",
            CouponRefusal.MemberLimitReached => "已达领取上限 You have claimed as many as allowed.",
            _ => "该优惠券暂不可领取 This coupon is not on offer.",
        };
        return RedirectToPage();
    }
}
