using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Members.Coupons;

/// <summary>Coupon offers: create, withdraw, offer again.</summary>
public sealed class IndexModel(Portal.Core.Members.Coupons coupons, MemberAdministration admin) : PageModel
{
    public IReadOnlyList<CouponTemplate> Templates { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Templates = await coupons.TemplatesAsync(HttpContext.AdminAccount().Id, ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, decimal amountOff, decimal minSpend, int validDays, int? total, int perMember, CancellationToken ct)
    {
        const decimal maxYuan = MembershipLimits.MaxCouponCents / 100m;
        Problem = string.IsNullOrWhiteSpace(name) ? "Give the coupon a name members will understand."
            : !ModelState.InRange(nameof(amountOff), amountOff, 0.01m, maxYuan) ? $"The amount off must be from ¥0.01 to ¥{maxYuan:0}."
            : !ModelState.InRange(nameof(minSpend), minSpend, 0, maxYuan) ? $"The minimum spend must be from ¥0 to ¥{maxYuan:0}."
            : !ModelState.InRange(nameof(validDays), validDays, 1, MembershipLimits.MaxCouponValidDays) ? $"A coupon is valid for 1 to {MembershipLimits.MaxCouponValidDays} days."
            : !ModelState.InRange(nameof(perMember), perMember, 1, MembershipLimits.MaxCouponsPerMember) ? $"Each member may claim from 1 to {MembershipLimits.MaxCouponsPerMember}."
            : !ModelState.EmptyOrInRange(nameof(total), total, 1, MembershipLimits.MaxCouponQuantity) ? $"Leave the total empty for no limit, or give from 1 to {MembershipLimits.MaxCouponQuantity}."
            : null;
        if (Problem is not null)
        {
            Templates = await coupons.TemplatesAsync(HttpContext.AdminAccount().Id, ct);
            return Page();
        }
        var created = await admin.OfferCouponAsync(User.AuditActor(), HttpContext.AdminAccount().Id, new CouponTemplate
        {
            Name = name!.Trim(),
            AmountOffCents = (int)Math.Round(amountOff * 100),
            MinSpendCents = (int)Math.Round(minSpend * 100),
            ValidDays = validDays,
            TotalQuantity = total,
            PerMemberLimit = perMember,
        }, ct);
        TempData.Tell("coupon.offered", $"“{created.Name}” is on offer in the member centre.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct)
    {
        await admin.SetCouponOfferedAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, false, ct);
        TempData.Tell("coupon.withdrawn", "Withdrawn: members can no longer claim it; coupons already claimed stay valid.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOfferAsync(long id, CancellationToken ct)
    {
        await admin.SetCouponOfferedAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, true, ct);
        TempData.Tell("coupon.reoffered", "On offer again.");
        return RedirectToPage();
    }
}
