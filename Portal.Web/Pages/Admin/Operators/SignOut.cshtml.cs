using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Operators;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Operators;

[OpenToEveryOperator]
public sealed class SignOutModel(OperatorStore operators) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Ended on the server first: deleting this browser's cookie alone would leave any copy of it working.
        if (User.OperatorId() is { } id && User.SessionId() is { } session)
            await operators.EndSessionAsync(id, session, OperatorClaims.CookieLife, ct);
        await HttpContext.SignOutAsync(OperatorClaims.Scheme);
        return Redirect("/admin/signin");
    }
}
