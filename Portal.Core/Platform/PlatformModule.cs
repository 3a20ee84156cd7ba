using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Platform;

/// <summary>
/// The WeChat platform's API as every feature uses it: the account's settings, the HTTP client with its
/// retries, the access-token and JS-API-ticket brokers, and the clients more than one feature calls. A
/// client only one feature uses is registered by that feature.
/// </summary>
public static class PlatformModule
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<WeChatOptions, WeChatOptionsValidator>(WeChatOptions.SectionName);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(PlatformHttp.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(PlatformHttp.ClientName).AddPlatformResilience();
        services.AddSingleton<TokenClient>();
        services.AddSingleton<BasicClient>();
        services.AddSingleton<AccessTokenBroker>();
        services.AddSingleton<INonceSource, CryptoNonceSource>();
        services.AddSingleton<TicketClient>();
        services.AddSingleton<JsApiTicketBroker>();
        services.AddSingleton<JsSdkConfig>();
        services.AddSingleton<CustomServiceClient>();
        services.AddSingleton<TemplateClient>();
        services.AddSingleton<QrCodeClient>();
        return builder;
    }
}
