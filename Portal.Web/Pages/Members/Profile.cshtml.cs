using Microsoft.AspNetCore.Mvc;
using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>The WeChat nickname and avatar (so it asks for snsapi_userinfo), and the name and birthday the member gives.</summary>
[RequireMember(withProfile: true)]
public sealed class ProfileModel(MemberStore members, TimeProvider time) : MemberPageModel
{
    public Member? Member { get; private set; }

    public async Task OnGetAsync() =>
        Member = await members.FindAsync(AccountId, OpenId, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(string? realName, DateOnly? birthday)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (birthday is { } day && (day > today || day < today.AddYears(-120)))
        {
            Notice = "请填写正确的生日。That birthday cannot be right.";
            return RedirectToPage();
        }
        await members.SaveProfileAsync(AccountId, MemberId, realName is { Length: > 30 } ? realName[..30] : realName, birthday, HttpContext.RequestAborted);
        Notice = "已保存 Saved.";
        return RedirectToPage();
    }
}
