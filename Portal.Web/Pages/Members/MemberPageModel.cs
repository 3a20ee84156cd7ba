using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>A page of the member centre: who is signed in, from the member cookie.</summary>
public abstract class MemberPageModel : PageModel
{
    protected long MemberId => long.Parse(User.FindFirstValue(MemberAuthentication.MemberIdClaim)!, CultureInfo.InvariantCulture);

    protected string OpenId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>One line said after a form was handled (post, then redirect, then show it once).</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Notice { get; set; }
}
