using Microsoft.Extensions.DependencyInjection;

namespace Portal.Core.Accounts;

/// <summary>Registers the account directory; the host numbers the accounts at start-up with <see cref="AccountDirectory.LoadAsync"/>.</summary>
public static class AccountServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<WeChatAccountStore>();
        services.AddSingleton<AccountDirectory>();
        return services;
    }
}
