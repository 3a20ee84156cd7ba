using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>Further accounts come from WeChat:Accounts:{n}; each is checked at start as the first one is.</summary>
public sealed class AccountSettingsTests
{
    private static OptionsValidationException StartFails(PortalAppFactory app) =>
        Assert.IsType<OptionsValidationException>(Record.Exception(() => app.CreateClient()));

    [Fact]
    public async Task Two_configured_accounts_are_both_in_the_directory_the_first_as_default()
    {
        await using var app = new PortalAppFactory().WithSecondAccount("Second shop");
        app.Settings["WeChat:Name"] = "Main shop";
        app.CreateClient();

        var directory = app.Services.GetRequiredService<AccountDirectory>();
        Assert.Collection(directory.All,
            first => Assert.Equal((1, PortalAppFactory.AppId, "Main shop", true), (first.Id, first.AppId, first.Name, first.IsDefault)),
            second => Assert.Equal((2, PortalAppFactory.SecondAppId, "Second shop", false), (second.Id, second.AppId, second.Name, second.IsDefault)));
        Assert.Equal(PortalAppFactory.SecondToken, directory.FindByAppId(PortalAppFactory.SecondAppId)!.Token);
    }

    [Theory]
    [InlineData("AppId", "wx123")]
    [InlineData("Token", "t!")]
    [InlineData("EncodingAESKey", "SecretAesKeyThatIsTooShort")]
    public async Task A_malformed_setting_of_a_further_account_is_named_with_its_index(string setting, string value)
    {
        await using var app = new PortalAppFactory().WithSecondAccount();
        app.Settings["WeChat:Accounts:1:AppId"] = "wx00000000000000c3";
        app.Settings["WeChat:Accounts:1:Token"] = "thirdtoken";
        app.Settings["WeChat:Accounts:1:" + setting] = value;

        var message = StartFails(app).Message;

        Assert.Contains($"WeChat:Accounts:1:{setting}", message);
        Assert.Contains($"WeChat__Accounts__1__{setting}", message);
        Assert.DoesNotContain("WeChat:Accounts:0", message);
        if (setting == "EncodingAESKey")
            Assert.DoesNotContain(value, message);
    }

    [Fact]
    public async Task The_same_app_id_twice_is_refused()
    {
        await using var app = new PortalAppFactory().WithSecondAccount();
        app.Settings["WeChat:Accounts:1:AppId"] = PortalAppFactory.AppId.ToUpperInvariant().Replace("WX", "wx", StringComparison.Ordinal);
        app.Settings["WeChat:Accounts:1:Token"] = "thirdtoken";

        var message = StartFails(app).Message;

        Assert.Contains("WeChat:Accounts:1:AppId", message);
        Assert.Contains("repeats", message);
    }
}
