using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>Shows the WeChat nickname and avatar, so it asks for snsapi_userinfo.</summary>
[RequireMember(withProfile: true)]
public sealed class ProfileModel(MemberStore members) : MemberPageModel
{
    public Member? Member { get; private set; }

    public async Task OnGetAsync() =>
        Member = await members.FindAsync(OpenId, HttpContext.RequestAborted);
}
