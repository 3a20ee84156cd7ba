using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Core;
using Portal.Core.Data;
using Portal.Core.Platform;
using Portal.Core.Members;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Members;
using Portal.Sandbox.Platform;
using Portal.Sandbox.Templates;

namespace Portal.Web.Hosting;

/// <summary>
/// Portal's side of the sandbox (the <c>Portal.Sandbox</c> project, which knows nothing of Portal): the
/// sandbox registers itself, and this points Portal at it. Portal's first account takes whatever its
/// settings leave empty from the sandbox's generated account, its platform addresses become the sandbox's,
/// membership messages use the sandbox account's templates, and texts go to the sandbox's phone when no SMS
/// account is configured. The sandbox keeps its state in Portal's data folder.
/// </summary>
public static class SandboxHosting
{
    public static WebApplicationBuilder AddPortalSandbox(this WebApplicationBuilder builder)
    {
        builder.AddSandbox();
        var services = builder.Services;
        services.AddOptions<SandboxOptions>().Configure<IOptions<DatabaseOptions>>((o, database) =>
        {
            if (o.DataFolder.Length == 0)
                o.DataFolder = database.Value.DataFolder;
        });
        if (!builder.Switch<SandboxOptions>(SandboxOptions.SectionName).Enabled)
            return builder;

        services.AddSingleton<IPostConfigureOptions<WeChatOptions>>(sp => new PostConfigureOptions<WeChatOptions>(
            Options.DefaultName,
            o =>
            {
                var first = sp.GetRequiredService<SandboxAccounts>().First;
                if (o.AppId.Length == 0)
                    o.AppId = first.AppId;
                if (o.AppSecret.Length == 0)
                    o.AppSecret = first.AppSecret;
                if (o.Token.Length == 0)
                    o.Token = first.Token;
                if (o.EncodingAESKey.Length == 0)
                    o.EncodingAESKey = first.EncodingAESKey;
                var sandbox = sp.GetRequiredService<IOptions<SandboxOptions>>().Value;
                // Unless pointed elsewhere, the platform API is the sandbox's own, served by this app.
                if (o.ApiBaseUrl == new WeChatOptions().ApiBaseUrl)
                    o.ApiBaseUrl = new Uri(sandbox.SelfUrl, SandboxPaths.Prefix.TrimStart('/'));
                // Likewise the OAuth authorize page, but at the public address (SelfUrl unless set), where
                // followers' browsers are: any instance forwards it to the one playing the platform, and the
                // phone's in-chat browser, a frame, can only show pages of the phone page's own address.
                if (o.OpenBaseUrl == new WeChatOptions().OpenBaseUrl)
                    o.OpenBaseUrl = new Uri(sp.GetRequiredService<IOptions<PublicAddressOptions>>().Value.BaseUrl, SandboxPaths.Prefix.TrimStart('/'));
                if (o.MpBaseUrl == new WeChatOptions().MpBaseUrl)
                    o.MpBaseUrl = new Uri(sandbox.SelfUrl, SandboxPaths.Prefix.TrimStart('/'));
            }));
        // The sandbox account has the templates membership messages need.
        services.PostConfigure<Portal.Core.Members.MembershipOptions>(o =>
        {
            if (o.PointsChangedTemplateId.Length == 0)
                o.PointsChangedTemplateId = SandboxTemplates.PointsChanged;
            if (o.CouponExpiringTemplateId.Length == 0)
                o.CouponExpiringTemplateId = SandboxTemplates.CouponExpiring;
        });
        if (!builder.Switch<TencentCloudSmsOptions>(TencentCloudSmsOptions.SectionName).Configured)
            services.Replace(ServiceDescriptor.Singleton<ISmsSender, SandboxSmsSender>());
        services.AddSingleton<SandboxStarterKit>();
        services.AddSingleton(SandboxStarterKit.SlowButtonRoute);
        return builder;
    }

    /// <summary>The sandbox's middleware and endpoints, when it is on.</summary>
    public static WebApplication MapPortalSandbox(this WebApplication app) => app.MapSandbox();
}

/// <summary>Portal's texts to the sandbox's phone, whose page shows them.</summary>
public sealed class SandboxSmsSender(SandboxSms phone) : ISmsSender
{
    public bool Available => true;

    public async Task SendCodeAsync(string phoneNumber, string code, TimeSpan validFor, CancellationToken ct = default)
    {
        try
        {
            await phone.SendCodeAsync(phoneNumber, code, validFor, ct).ConfigureAwait(false);
        }
        catch (SandboxSmsException e)
        {
            throw new SmsException(e.Code, e.Message);
        }
    }
}
