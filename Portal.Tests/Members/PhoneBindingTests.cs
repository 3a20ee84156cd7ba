using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Members;
using Portal.Tests.Infrastructure;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Members;

/// <summary>Binding a phone with an SMS code, the code delivered to the sandbox's phone.</summary>
public sealed class PhoneBindingTests
{
    private static async Task<(PortalAppFactory App, FakeTimeProvider Clock, long Member)> AppAsync()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = new PortalAppFactory().WithClock(clock);
        var member = await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, null, null), false);
        return (app, clock, member.Id);
    }

    private static string LastCode(PortalAppFactory app) => app.Services.GetRequiredService<SandboxSms>().Recent(1).Single().Code;

    [Fact]
    public async Task The_code_from_the_text_binds_the_number()
    {
        var (app, _, member) = await AppAsync();
        await using var _ = app;
        var phones = app.Services.GetRequiredService<PhoneVerification>();

        Assert.Equal(PhoneCodeRequest.Sent, await phones.SendCodeAsync(member, "138 0013 8000"));
        Assert.Equal(PhoneCodeCheck.Bound, await phones.BindAsync(TestAccounts.DefaultId, member, "13800138000", LastCode(app)));

        Assert.Equal("+8613800138000", app.Services.GetRequiredService<SandboxSms>().Recent(1).Single().Phone);
        var members = app.Services.GetRequiredService<MemberStore>();
        var openId = (await app.Services.GetRequiredService<Portal.Core.Members.MemberDirectory>().GetAsync(TestAccounts.DefaultId, member))!.OpenId;
        Assert.Equal("+8613800138000", (await members.FindAsync(TestAccounts.DefaultId, openId))!.Phone);
        // The code works once.
        Assert.Equal(PhoneCodeCheck.NoCode, await phones.BindAsync(TestAccounts.DefaultId, member, "13800138000", LastCode(app)));
    }

    [Fact]
    public async Task Five_wrong_codes_use_up_the_code_even_if_the_right_one_follows()
    {
        var (app, _, member) = await AppAsync();
        await using var _ = app;
        var phones = app.Services.GetRequiredService<PhoneVerification>();
        await phones.SendCodeAsync(member, "13800138001");
        var right = LastCode(app);
        var wrong = right == "000000" ? "111111" : "000000";

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => phones.BindAsync(TestAccounts.DefaultId, member, "13800138001", wrong)));

        Assert.All(results, r => Assert.NotEqual(PhoneCodeCheck.Bound, r));
        Assert.Equal(PhoneCodeCheck.TooManyTries, await phones.BindAsync(TestAccounts.DefaultId, member, "13800138001", right));
    }

    [Fact]
    public async Task Codes_expire_after_five_minutes()
    {
        var (app, clock, member) = await AppAsync();
        await using var _ = app;
        var phones = app.Services.GetRequiredService<PhoneVerification>();
        await phones.SendCodeAsync(member, "13800138002");

        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(PhoneCodeCheck.NoCode, await phones.BindAsync(TestAccounts.DefaultId, member, "13800138002", LastCode(app)));
    }

    [Fact]
    public async Task Sending_is_limited_to_one_a_minute_and_ten_a_day_per_number()
    {
        var (app, clock, member) = await AppAsync();
        await using var _ = app;
        var phones = app.Services.GetRequiredService<PhoneVerification>();

        Assert.Equal(PhoneCodeRequest.Sent, await phones.SendCodeAsync(member, "13800138003"));
        Assert.Equal(PhoneCodeRequest.TooSoon, await phones.SendCodeAsync(member, "13800138003"));
        for (var i = 1; i < PhoneVerification.MaxPerDay; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(61));
            Assert.Equal(PhoneCodeRequest.Sent, await phones.SendCodeAsync(member, "13800138003"));
        }
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(PhoneCodeRequest.TooManyToday, await phones.SendCodeAsync(member, "13800138003"));
        Assert.Equal(PhoneCodeRequest.InvalidNumber, await phones.SendCodeAsync(member, "12345"));
    }

    [Fact]
    public async Task A_number_bound_by_one_member_cannot_be_bound_by_another()
    {
        var (app, clock, first) = await AppAsync();
        await using var _ = app;
        var phones = app.Services.GetRequiredService<PhoneVerification>();
        var second = (await app.Services.GetRequiredService<MemberStore>().SignInAsync(TestAccounts.DefaultId, new MemberSignIn(InboundXml.NewOpenId(), null, null, null), false)).Id;
        await phones.SendCodeAsync(first, "13800138004");
        await phones.BindAsync(TestAccounts.DefaultId, first, "13800138004", LastCode(app));

        clock.Advance(TimeSpan.FromMinutes(2));
        await phones.SendCodeAsync(second, "13800138004");

        Assert.Equal(PhoneCodeCheck.NumberTaken, await phones.BindAsync(TestAccounts.DefaultId, second, "13800138004", LastCode(app)));
    }
}
