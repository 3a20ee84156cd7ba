using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Operators;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Operators;

[OpenToEveryOperator]
public sealed class PasswordModel(OperatorAccounts accounts, OperatorStore operators) : PageModel
{
    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? New { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public string? Problem { get; private set; }

    public bool Changed { get; private set; }

    public void OnGet(bool changed) => Changed = changed;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = User.OperatorId()!.Value;
        Problem = New != Confirm
            ? "The two new passwords differ. Type the same password twice."
            : await accounts.ChangeOwnPasswordAsync(User.AuditActor(), id, Current, New, ct);
        if (Problem is not null)
            return Page();
        // The new password changed the security stamp, which ends every session; this one continues.
        var op = await operators.GetAsync(id, ct);
        await HttpContext.SignInAsync(OperatorClaims.Scheme, OperatorClaims.Principal(op!));
        return Redirect("/admin/password?changed=true");
    }
}
