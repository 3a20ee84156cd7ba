using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Accounts;

/// <summary>Registers the account directory; the host numbers the accounts at start-up with <see cref="AccountDirectory.LoadAsync"/>.</summary>
public static class AccountServices
{
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WeChatAccountStore>();
        builder.Services.AddSingleton<AccountDirectory>();
        return builder;
    }
}
