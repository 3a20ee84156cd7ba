using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Coordination;
using Portal.Core.Operators;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Operators;

public sealed class SignInModel(OperatorAccounts accounts, OperatorStore operators) : PageModel
{
    /// <summary>
    /// Sign-in is refused while the shared store is unreachable: attempts are counted there, and signing in
    /// uncounted would let anyone guess passwords freely for as long as Redis is down.
    /// </summary>
    public const string StoreUnavailable =
        "Sign-in is unavailable for a moment: Portal cannot reach its shared store (Redis). Try again shortly.";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public bool NoOwnerYet { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => NoOwnerYet = !await operators.AnyOwnerAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The connection's address, or the client's as told by a listed proxy (Portal:KnownProxies).
        SignInOutcome outcome;
        try
        {
            outcome = await accounts.SignInAsync(Name, Password, HttpContext.Connection.RemoteIpAddress, ct);
        }
        catch (CoordinationUnavailableException)
        {
            Problem = StoreUnavailable;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            return Page();
        }
        if (!outcome.Succeeded)
        {
            Problem = outcome.Problem;
            return Page();
        }
        await HttpContext.SignInAsync(OperatorClaims.Scheme, OperatorClaims.Principal(outcome.Operator!));
        // Only back into the admin: a ReturnUrl pointing elsewhere would make the sign-in page an open redirect.
        return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/admin", StringComparison.OrdinalIgnoreCase) ? Hosting.LocationHeader.Encode(url) : "/admin");
    }
}
