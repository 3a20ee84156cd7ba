using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Core.Operators;

/// <summary>Operators, the sign-in throttle and the audit trail every feature writes to.</summary>
public static class OperatorsCoreModule
{
    public static IHostApplicationBuilder AddOperatorsCore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OperatorStore>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<AuditLog>();
        return builder;
    }
}
