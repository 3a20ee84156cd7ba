using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>
/// Checks each admin request's cookie against the database, so disabling an operator, changing their role
/// or their password, and signing out, take effect on every instance at once rather than when the cookie
/// expires. A cookie without a session id (issued before sessions could be ended) is refused too.
/// </summary>
public sealed class OperatorCookieEvents(OperatorStore store) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.OperatorId();
        var stamp = context.Principal?.FindFirst(OperatorClaims.SecurityStampType)?.Value;
        var session = context.Principal?.SessionId();
        var op = id is null || session is null ? null : await store.GetInSessionAsync(id.Value, session, context.HttpContext.RequestAborted);
        if (op is null || op.Disabled || op.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(OperatorClaims.Scheme);
        }
    }

    // A signed-in operator without the right role gets a plain 403 page, not a redirect loop.
    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not allowed · Portal admin</title>
            <link rel="stylesheet" href="/admin/admin.css"></head><body class="plain"><main class="card narrow">
            <h1>Not allowed</h1><p>Your role does not allow this. Ask an owner if you need it.</p>
            <p><a href="/admin">Back to the dashboard</a></p></main></body></html>
            """);
    }
}
