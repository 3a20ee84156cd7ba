using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.Platform;

namespace Portal.Tests.Infrastructure;

/// <summary>The accounts tests act for.</summary>
internal static class TestAccounts
{
    /// <summary>The default account's id, for stores: where every test from before accounts keeps its data.</summary>
    public const int DefaultId = WeChatAccount.DefaultId;


    /// <summary>
    /// The default account (id 1) as configured in <paramref name="services"/>; read from the options, so it also serves
    /// service providers built without a database, where the directory is never numbered.
    /// </summary>
    public static WeChatAccount DefaultAccount(this IServiceProvider services)
    {
        var o = services.GetRequiredService<IOptions<WeChatOptions>>().Value;
        return new WeChatAccount { Id = WeChatAccount.DefaultId, AppId = o.AppId, Name = o.AppId, AppSecret = o.AppSecret, Token = o.Token, EncodingAESKey = o.EncodingAESKey };
    }

    /// <summary>The account <paramref name="appId"/> from the app's directory.</summary>
    public static WeChatAccount Account(this IServiceProvider services, string appId) =>
        services.GetRequiredService<AccountDirectory>().FindByAppId(appId) ?? throw new InvalidOperationException($"{appId} is not configured.");
}
