using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Members;

/// <summary>
/// Members: sign-in through the platform's web authorization, profile, phone and its text messages, points,
/// check-in, levels, coupons with their expiry reminders, the counter and the admin's member directory.
/// </summary>
public static class MembersCoreModule
{
    public static IHostApplicationBuilder AddMembersCore(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<MembershipOptions, MembershipOptionsValidator>(MembershipOptions.SectionName);
        builder.AddValidatedOptions<TencentCloudSmsOptions, TencentCloudSmsOptionsValidator>(TencentCloudSmsOptions.SectionName);
        var services = builder.Services;
        services.AddSingleton<OAuthClient>();
        services.AddSingleton<MemberStore>();
        services.AddSingleton<PointsLedger>();
        services.AddSingleton<CheckIns>();
        services.AddSingleton<Coupons>();
        services.AddSingleton<MembershipSettings>();
        services.AddSingleton<PhoneVerification>();
        services.AddSingleton<MemberNotices>();
        services.AddHostedService<CouponExpiryReminders>();
        services.AddSingleton<MemberAdministration>();
        services.AddSingleton<MemberDirectory>();
        services.AddHttpClient(TencentCloudSms.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        // Tencent Cloud when its keys are set; otherwise none, unless the sandbox (when on) put its own phone
        // in: TryAdd, so the order of the modules in Program.cs does not matter.
        if (builder.Switch<TencentCloudSmsOptions>(TencentCloudSmsOptions.SectionName).Configured)
            services.TryAddSingleton<ISmsSender, TencentCloudSms>();
        else
            services.TryAddSingleton<ISmsSender, NoSmsSender>();
        return builder;
    }
}
