using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>The member's counter code, as digits and as a QR code.</summary>
[RequireMember]
public sealed class CodeModel(MemberStore members) : MemberPageModel
{
    public string Code { get; private set; } = "";

    public async Task OnGetAsync() => Code = await members.CodeAsync(AccountId, MemberId, HttpContext.RequestAborted);
}
