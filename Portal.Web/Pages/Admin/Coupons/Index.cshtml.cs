using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Admin.Members;
using Portal.Core.Membership;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Coupons;

/// <summary>Coupon offers: create, withdraw, offer again.</summary>
public sealed class IndexModel(Portal.Core.Membership.Coupons coupons, MemberAdministration admin) : PageModel
{
    public IReadOnlyList<CouponTemplate> Templates { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Templates = await coupons.TemplatesAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, decimal amountOff, decimal minSpend, int validDays, int? total, int perMember, CancellationToken ct)
    {
        Problem = string.IsNullOrWhiteSpace(name) ? "Give the coupon a name members will understand."
            : amountOff <= 0 ? "The amount off must be more than zero."
            : validDays < 1 ? "A coupon is valid for at least a day."
            : perMember < 1 ? "Each member may claim at least one."
            : total is < 1 ? "Leave the total empty for no limit, or give at least one."
            : null;
        if (Problem is not null)
        {
            Templates = await coupons.TemplatesAsync(ct);
            return Page();
        }
        var created = await admin.OfferCouponAsync(User.AuditActor(), new CouponTemplate
        {
            Name = name!.Trim(),
            AmountOffCents = (int)Math.Round(amountOff * 100),
            MinSpendCents = (int)Math.Round(minSpend * 100),
            ValidDays = validDays,
            TotalQuantity = total,
            PerMemberLimit = perMember,
        }, ct);
        TempData["Message"] = $"“{created.Name}” is on offer in the member centre.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct)
    {
        await admin.SetCouponOfferedAsync(User.AuditActor(), id, false, ct);
        TempData["Message"] = "Withdrawn: members can no longer claim it; coupons already claimed stay valid.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOfferAsync(long id, CancellationToken ct)
    {
        await admin.SetCouponOfferedAsync(User.AuditActor(), id, true, ct);
        TempData["Message"] = "On offer again.";
        return RedirectToPage();
    }
}
