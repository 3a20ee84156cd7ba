using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>Logs name message keys and reasons; never the account's secrets, never what followers wrote.</summary>
public sealed class WebhookLoggingTests
{
    [Fact]
    public async Task Neither_secrets_nor_follower_content_reach_the_logs()
    {
        var logs = new CapturedLogs();
        await using var app = new WebhookApp();
        app.Settings["WeChat:AppSecret"] = "app-secret-7f3a9c";
        app.TestServices.Add(s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        await app.InitializeAsync();
        var push = WeChatPush.For(app);
        const string secretText = "my card number is 6222-0211-8888";

        using (await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), secretText), PushMode.Safe)) { }
        using (await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), secretText), PushMode.Safe, q => q["msg_signature"] = "forged")) { }
        using (await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), secretText), tamper: q => q["signature"] = "forged")) { }
        using (await push.PostAsync("<xml><Content>" + secretText)) { }

        var all = string.Join('\n', logs.Lines);
        Assert.Contains("BadMessageSignature", all); // the refusals were logged, with their reason
        foreach (var secret in new[] { PortalAppFactory.Token, PortalAppFactory.EncodingAesKey, "app-secret-7f3a9c", secretText, "6222-0211" })
            Assert.DoesNotContain(secret, all);
    }
}
