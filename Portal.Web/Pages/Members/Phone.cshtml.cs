using Microsoft.AspNetCore.Mvc;
using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>Binding a mobile number with an SMS code.</summary>
[RequireMember]
public sealed class PhoneModel(PhoneVerification verification, MemberStore members) : MemberPageModel
{
    public bool Available => verification.Available;

    /// <summary>The number being bound, carried from the send form to the code form.</summary>
    [TempData]
    public string? Phone { get; set; }

    public string? Bound { get; private set; }

    public async Task OnGetAsync()
    {
        Bound = (await members.FindAsync(AccountId, OpenId, HttpContext.RequestAborted))?.Phone;
        TempData.Keep(nameof(Phone));
    }

    public async Task<IActionResult> OnPostSendAsync(string? phone)
    {
        if (!Available)
            return RedirectToPage();
        Phone = phone;
        var sent = await verification.SendCodeAsync(MemberId, phone ?? "", HttpContext.RequestAborted);
        Notice = sent switch
        {
            PhoneCodeRequest.Sent => "验证码已发送，5 分钟内有效。A code is on its way.",
            PhoneCodeRequest.InvalidNumber => "请输入 11 位手机号。Enter an 11-digit mobile number.",
            PhoneCodeRequest.TooSoon => "发送太频繁，请一分钟后再试。Wait a minute before asking again.",
            _ => "今天发送次数已达上限，请明天再试。Too many codes today; try tomorrow.",
        };
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostBindAsync(string? phone, string? code)
    {
        Phone = phone;
        var result = await verification.BindAsync(AccountId, MemberId, phone ?? "", code ?? "", HttpContext.RequestAborted);
        Notice = result switch
        {
            PhoneCodeCheck.Bound => "绑定成功 Your number is bound.",
            PhoneCodeCheck.Wrong => "验证码不正确。That code is not right.",
            PhoneCodeCheck.TooManyTries => "错误次数过多，请重新获取验证码。Too many tries; ask for a new code.",
            PhoneCodeCheck.NumberTaken => "该手机号已绑定其他会员。This number belongs to another member.",
            _ => "验证码已过期，请重新获取。The code has expired; ask for a new one.",
        };
        return RedirectToPage();
    }
}
