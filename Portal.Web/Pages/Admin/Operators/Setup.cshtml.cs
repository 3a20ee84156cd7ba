using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Operators;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Operators;

/// <summary>
/// The first-run page: creates the first owner, then answers 404 for good. Whether an owner exists is
/// asked of the database each time, and the insert itself refuses a second first owner, so two people
/// submitting at once get exactly one owner.
/// </summary>
public sealed class SetupModel(OperatorAccounts accounts, OperatorStore operators) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await operators.AnyOwnerAsync(ct) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await operators.AnyOwnerAsync(ct))
            return NotFound();
        Problem = OperatorNames.Problem(Name)
            ?? OperatorPasswordRules.Problem(Password, Name)
            ?? (Password != Confirm ? "The two passwords differ. Type the same password twice." : null);
        if (Problem is not null)
            return Page();

        var owner = await accounts.CreateFirstOwnerAsync(Name!, Password!, ct);
        if (owner is null)
            return NotFound();
        await HttpContext.SignInAsync(OperatorClaims.Scheme, OperatorClaims.Principal(owner));
        return Redirect("/admin");
    }
}
