using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Members;

/// <summary>One member: ledger, coupons, and adjusting points with a reason (editors).</summary>
public sealed class DetailModel(MemberDirectory directory, PointsLedger ledger, Portal.Core.Members.Coupons coupons, MemberAdministration admin) : PageModel
{
    public MemberRow? Member { get; private set; }
    public IReadOnlyList<LedgerEntry> Ledger { get; private set; } = [];
    public IReadOnlyList<MemberCoupon> Coupons { get; private set; } = [];
    public IReadOnlyList<CouponTemplate> Offers { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>Drawn when the form is shown: the same form sent twice adjusts once.</summary>
    public string FormKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAdjustAsync(long id, int delta, string? reason, string? key, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        if (!ModelState.InRange(nameof(delta), delta, -MembershipLimits.MaxPointsChange, MembershipLimits.MaxPointsChange) || !MembershipLimits.AllowsPointsChange(delta)
            || string.IsNullOrWhiteSpace(reason) || string.IsNullOrEmpty(key))
        {
            Problem = $"Give a number of points other than zero, at most {MembershipLimits.MaxPointsChange} either way, and a reason: the member sees the reason in their history.";
            return Page();
        }
        var outcome = await admin.AdjustPointsAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, delta, reason.Trim(), key, ct);
        if (outcome.Refused)
        {
            Problem = $"The member has {outcome.Balance} points; taking {-delta} would leave a negative balance.";
            return Page();
        }
        TempData.Tell(outcome.Duplicate ? "points.duplicate" : "points.adjusted", outcome.Duplicate ? "That adjustment was already made." : $"Done: the balance is now {outcome.Balance}.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostGiveAsync(long id, long templateId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        var refusal = await admin.IssueCouponAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, templateId, ct);
        if (refusal != CouponRefusal.None)
        {
            Problem = refusal switch
            {
                CouponRefusal.AllClaimed => "None of that coupon is left to give.",
                CouponRefusal.MemberLimitReached => "This member already has as many of that coupon as one member may.",
                _ => "There is no such coupon.",
            };
            return Page();
        }
        TempData.Tell("coupon.given", "Coupon given: it is in the member's wallet.");
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        Member = await directory.GetAsync(HttpContext.AdminAccount().Id, id, ct);
        if (Member is null)
            return false;
        Ledger = await ledger.HistoryAsync(HttpContext.AdminAccount().Id, id, 100, ct: ct);
        Coupons = await coupons.WalletAsync(HttpContext.AdminAccount().Id, id, ct);
        Offers = await coupons.TemplatesAsync(HttpContext.AdminAccount().Id, ct);
        return true;
    }
}
