using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>The member centre's start: who is signed in. Silent sign-in is enough.</summary>
[RequireMember]
public sealed class MeModel(MemberStore members) : PageModel
{
    public Member? Member { get; private set; }

    public async Task OnGetAsync() =>
        Member = await members.FindAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, HttpContext.RequestAborted);
}
