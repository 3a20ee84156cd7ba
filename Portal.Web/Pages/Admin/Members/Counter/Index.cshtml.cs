using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Members.Counter;

/// <summary>Staff at the shop: find a member by their code or bound phone, add points for a purchase, redeem a coupon.</summary>
public sealed class IndexModel(MemberStore members, MemberDirectory directory, Portal.Core.Members.Coupons coupons, MemberAdministration admin, TimeProvider time) : PageModel
{
    private Dictionary<long, CouponTemplate> _templates = [];

    public string? Code { get; private set; }
    public MemberRow? Member { get; private set; }
    public IReadOnlyList<MemberCoupon> Usable { get; private set; } = [];
    public string? Problem { get; private set; }
    public string FormKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string NameOf(MemberCoupon coupon) => _templates.GetValueOrDefault(coupon.TemplateId)?.Name ?? "Coupon";

    /// <summary>"¥10 off, minimum spend ¥50" (or "no minimum spend"): what staff check before redeeming.</summary>
    public string TermsOf(MemberCoupon coupon) => _templates.GetValueOrDefault(coupon.TemplateId) is not { } t ? ""
        : $"¥{Yuan(t.AmountOffCents)} off, " + (t.MinSpendCents > 0 ? $"minimum spend ¥{Yuan(t.MinSpendCents)}" : "no minimum spend");

    /// <summary>The question the Redeem button asks first, so a slip of the finger does not use a member's coupon.</summary>
    public string RedeemQuestion(MemberCoupon coupon) =>
        $"Redeem “{NameOf(coupon)}” ({TermsOf(coupon)}) for {Member?.Nickname ?? "this member"}? It cannot be used again.";

    private static string Yuan(int cents) => (cents / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(string? code, CancellationToken ct) => await FindAsync(code, ct);

    public async Task<IActionResult> OnPostPointsAsync(string? code, int points, string? reason, string? key, CancellationToken ct)
    {
        if (!await FindAsync(code, ct))
            return Page();
        if (!ModelState.InRange(nameof(points), points, 1, MembershipLimits.MaxPointsChange) || string.IsNullOrWhiteSpace(reason) || string.IsNullOrEmpty(key))
        {
            Problem = $"Give the points for this purchase (from 1 to {MembershipLimits.MaxPointsChange}) and a reason.";
            return Page();
        }
        var outcome = await admin.AdjustPointsAsync(User.AuditActor(), HttpContext.AdminAccount().Id, Member!.Id, points, reason.Trim(), key, ct);
        TempData.Tell(outcome.Duplicate ? "points.duplicate" : "points.added", outcome.Duplicate ? "Those points were already added." : $"Added {points} points; the balance is now {outcome.Balance}.");
        return RedirectToPage(new { code });
    }

    public async Task<IActionResult> OnPostRedeemAsync(string? code, string? coupon, CancellationToken ct)
    {
        if (!await FindAsync(code, ct))
            return Page();
        // Only this member's coupons are redeemed here: a code read out by someone else is not theirs to use.
        if (!Usable.Any(c => c.Code == coupon))
        {
            Problem = "That coupon is not one this member can use now.";
            return Page();
        }
        var refusal = await admin.RedeemCouponAsync(User.AuditActor(), HttpContext.AdminAccount().Id, coupon!, ct);
        if (refusal != CouponRefusal.None)
        {
            Problem = refusal == CouponRefusal.AlreadyUsed ? "That coupon has just been used." : "That coupon has expired.";
            return Page();
        }
        TempData.Tell("coupon.redeemed", $"Coupon {coupon} redeemed.");
        return RedirectToPage(new { code });
    }

    private async Task<bool> FindAsync(string? code, CancellationToken ct)
    {
        Code = code?.Trim();
        if (string.IsNullOrEmpty(Code))
            return false;
        var member = await members.FindByCodeAsync(HttpContext.AdminAccount().Id, Code, ct) ?? await members.FindByPhoneAsync(HttpContext.AdminAccount().Id, Code, ct);
        if (member is null)
        {
            Problem = PhoneVerification.Normalize(Code) is null
                ? "No member has that code. Check the digits under their QR code."
                : "No member has bound that phone number. Ask for their member code instead.";
            return false;
        }
        // Found by phone: the forms and the address carry the member code from here on, not the number
        // (the code is made now if the member never opened it; it is theirs either way).
        Code = member.MemberCode ?? await members.CodeAsync(HttpContext.AdminAccount().Id, member.Id, ct);
        Member = await directory.GetAsync(HttpContext.AdminAccount().Id, member.Id, ct);
        var now = time.GetUtcNow();
        Usable = (await coupons.WalletAsync(HttpContext.AdminAccount().Id, member.Id, ct)).Where(c => c.UsedAt is null && c.ExpiresAt > now).ToList();
        _templates = (await coupons.TemplatesAsync(HttpContext.AdminAccount().Id, ct)).ToDictionary(t => t.Id);
        return true;
    }
}
