using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Accounts;
using Portal.Web.Members;
using Portal.Web.Site;

namespace Portal.Web.Pages.Members;

/// <summary>A page of the member centre: who is signed in, from the member cookie.</summary>
public abstract class MemberPageModel : PageModel
{
    protected long MemberId => long.Parse(User.FindFirstValue(MemberAuthentication.MemberIdClaim)!, CultureInfo.InvariantCulture);

    protected string OpenId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The account of the page: the member, their points and coupons are that account's.</summary>
    protected int AccountId => HttpContext.PageAccount().Id;

    /// <summary>One line said after a form was handled (post, then redirect, then show it once).</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Notice { get; set; }
}
