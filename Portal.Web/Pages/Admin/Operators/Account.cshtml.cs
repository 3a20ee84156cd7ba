using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Operators;

/// <summary>
/// The header's account switcher: remembers the operator's choice among the accounts they may use, then goes
/// back to the page they were on. Viewers switch too: choosing what to look at changes nothing.
/// </summary>
[OpenToEveryOperator]
public sealed class AccountModel : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public IActionResult OnPost(int id, string? returnUrl)
    {
        if (HttpContext.AdminAccounts().FirstOrDefault(a => a.Id == id) is not { } account)
            return Forbid(OperatorClaims.Scheme);
        AdminAccountChoice.Remember(HttpContext, account);
        // Only a path of the admin: never a redirect elsewhere, whatever the form says.
        return LocalRedirect(returnUrl is not null && returnUrl.StartsWith("/admin", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/admin");
    }
}
