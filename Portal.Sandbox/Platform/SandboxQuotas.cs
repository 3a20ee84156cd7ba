using Microsoft.Extensions.Options;

namespace Portal.Sandbox.Platform;

/// <summary>
/// One account's daily call quota per API: once an endpoint has been called its quota of times in a day
/// (a day in China's time zone, when the platform resets), it answers 45009 until the next day
/// (https://developers.weixin.qq.com/doc/offiaccount/en/Message_Management/API_Call_Limits.html).
/// </summary>
public sealed class SandboxQuotas(TimeProvider time, IOptions<SandboxOptions> options)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateOnly Day, int Calls)> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts a call to <paramref name="endpoint"/> (e.g. <c>menu/get</c>): 0 when allowed, else 45009.</summary>
    public int Take(string endpoint)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaOffset).DateTime);
        lock (_gate)
        {
            var calls = _used.TryGetValue(endpoint, out var used) && used.Day == today ? used.Calls : 0;
            if (options.Value.DailyQuotas.TryGetValue(endpoint, out var quota) && calls >= quota)
                return 45009;
            _used[endpoint] = (today, calls + 1);
            return 0;
        }
    }

    /// <summary>Calls to <paramref name="endpoint"/> counted today.</summary>
    public int Used(string endpoint)
    {
        lock (_gate)
            return _used.TryGetValue(endpoint, out var used) ? used.Calls : 0;
    }

    /// <summary>What the platform's <c>clear_quota</c> does: every count starts again.</summary>
    public void Clear()
    {
        lock (_gate)
            _used.Clear();
    }
}

/// <summary>Puts an endpoint under the calling account's daily quota.</summary>
internal static class SandboxQuotaFilter
{
    public static RouteHandlerBuilder WithDailyQuota(this RouteHandlerBuilder route, string endpoint) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            var world = request.HttpContext.RequestServices.GetRequiredService<Accounts.SandboxWorld>();
            // A call whose token does not work counts against no account: the endpoint refuses it itself.
            if (world.Refuse(request.Query["access_token"], out var account) is null && account.Quotas.Take(endpoint) != 0)
                return SandboxReplies.Error(PlatformErrors.DailyQuota, PlatformErrors.Message(PlatformErrors.DailyQuota));
            return await next(context);
        });
}
