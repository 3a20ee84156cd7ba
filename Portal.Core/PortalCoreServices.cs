using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.AutoReplies;
using Portal.Core.Coordination;
using Portal.Core.Data;
using Portal.Core.Followers;
using Portal.Core.Members;
using Portal.Core.Menus;
using Portal.Core.Messaging;
using Portal.Core.Outbox;
using Portal.Core.Platform;
using Portal.Core.Settings;

namespace Portal.Core;

/// <summary>Registers everything Portal.Core provides, explicitly and in one place.</summary>
public static class PortalCoreServices
{
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<WeChatOptions, WeChatOptionsValidator>(configuration, WeChatOptions.SectionName);
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration, DatabaseOptions.SectionName)
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString("Portal"));
        services.AddValidatedOptions<MessagingOptions, MessagingOptionsValidator>(configuration, MessagingOptions.SectionName);
        services.AddValidatedOptions<OutboxOptions, OutboxOptionsValidator>(configuration, OutboxOptions.SectionName);
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection(MembershipOptions.SectionName));
        services.AddValidatedOptions<RedisOptions, RedisOptionsValidator>(configuration, RedisOptions.SectionName);
        services.AddSingleton<Logging.DependencyOutages>();

        services.AddData(configuration);
        services.AddAccounts();
        services.AddCoordination(configuration);
        services.AddMessaging();
        services.AddPlatform();
        return services;
    }

    private static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    private static void AddData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<FollowerStore>();
        services.AddSingleton<FollowerSync>();
        services.AddOutboxWork<FollowerSyncWork>();
        services.AddSingleton<Inbox.InboxStore>();
        services.AddOutboxWork<Inbox.CustomerServiceReplyWork>();
        services.AddSingleton<MemberStore>();
        services.AddSingleton<MenuVersionStore>();
        services.AddSingleton<MenuDraftStore>();
        services.AddSingleton<MenuPublisher>();
        services.AddSingleton<PointsLedger>();
        services.AddSingleton<CheckIns>();
        services.AddSingleton<Coupons>();
        services.AddSingleton<MembershipSettings>();
        services.AddSingleton<PhoneVerification>();
        services.AddSingleton<MemberNotices>();
        services.AddHostedService<CouponExpiryReminders>();
        services.AddOptions<Portal.Core.Members.TencentCloudSmsOptions>().Bind(configuration.GetSection(Portal.Core.Members.TencentCloudSmsOptions.SectionName));
        services.AddHttpClient(Portal.Core.Members.TencentCloudSms.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        // Tencent Cloud when its keys are set; otherwise none (the sandbox puts its own phone in).
        var sms = configuration.GetSection(Portal.Core.Members.TencentCloudSmsOptions.SectionName).Get<Portal.Core.Members.TencentCloudSmsOptions>() ?? new();
        if (sms.Configured)
            services.AddSingleton<Portal.Core.Members.ISmsSender, Portal.Core.Members.TencentCloudSms>();
        else
            services.TryAddSingleton<Portal.Core.Members.ISmsSender, Portal.Core.Members.NoSmsSender>();
        services.AddSingleton<Portal.Core.Members.MemberAdministration>();
        services.AddSingleton<Portal.Core.Members.MemberDirectory>();
    }

    private static void AddMessaging(this IServiceCollection services)
    {
        services.AddOutbox();
        services.AddSingleton<MessageLogStore>();
        services.AddSingleton<AutoReplyRuleStore>();
        services.AddSingleton<AutoReplyRuleCache>();
        services.AddSingleton<AutoReplyHandler>();
        services.AddSingleton<FollowHandler>();
        services.AddSingleton<ScanHandler>();
        services.AddSingleton<MenuClickHandler>();
        services.AddSingleton(sp => MessageRoutes.Build(
            sp.GetRequiredService<AutoReplyHandler>(),
            sp.GetRequiredService<FollowHandler>(),
            sp.GetRequiredService<ScanHandler>(),
            sp.GetRequiredService<MenuClickHandler>(),
            sp.GetServices<MessageRouteAdditions>()));
        services.AddSingleton<MessageClaims>();
        services.AddSingleton<MessageBackstop>();
        services.AddSingleton<LateReplies>();
        services.AddOutboxWork<LateReplyWork>();
        services.AddSingleton<MessageJournal>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageJournal>());
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        services.AddSingleton<LateReplyRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<LateReplyRecovery>());
        services.AddSingleton<MessageProcessor>();
    }

    private static void AddPlatform(this IServiceCollection services)
    {
        services.AddHttpClient(PlatformHttp.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(PlatformHttp.ClientName).AddPlatformResilience();
        services.AddSingleton<TokenClient>();
        services.AddSingleton<BasicClient>();
        services.AddSingleton<AccessTokenBroker>();
        services.AddSingleton<CustomServiceClient>();
        services.AddSingleton<INonceSource, CryptoNonceSource>();
        services.AddSingleton<TicketClient>();
        services.AddSingleton<JsApiTicketBroker>();
        services.AddSingleton<JsSdkConfig>();
        services.AddSingleton<TemplateClient>();
        services.AddSingleton<Notifications.TemplateSends>();
        services.AddOutboxWork<Notifications.TemplateSendWork>();
        services.AddSingleton<OAuthClient>();
        services.AddSingleton<MenuClient>();
        services.AddSingleton<UserClient>();
        services.AddSingleton<TagClient>();
        services.AddSingleton<QrCodeClient>();
    }

    private static void AddCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        // Decided once at start: a configured Redis means several instances may share this account.
        services.AddSingleton<InstanceIdentity>();
        var redis = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<ICoordinationStore, RedisCoordinationStore>();
            services.AddSingleton<InstanceHeartbeat>();
            services.AddHostedService(sp => sp.GetRequiredService<InstanceHeartbeat>());
        }
        else
        {
            services.AddSingleton<ICoordinationStore, InProcessCoordinationStore>();
            // Alone, this process is the only holder there is: nobody asks whether it is alive.
            services.AddSingleton<InstanceHeartbeat>();
        }
    }
}
