using System.Collections.Concurrent;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Dev;

/// <summary>What a faulty answer looks like.</summary>
public enum SandboxFault
{
    /// <summary>HTTP 200 with <c>{"errcode":-1,"errmsg":"system error"}</c>, the platform's "system busy".</summary>
    Busy,

    /// <summary>HTTP 503 from the platform's gateway.</summary>
    Unavailable,
}

/// <summary>
/// Makes the sandbox platform misbehave on purpose, so a developer or a test can watch Portal cope: the
/// next N requests to an endpoint get a fault. It also counts the requests each endpoint saw. Reached only
/// through the development endpoints (<see cref="SandboxDevEndpoints"/>).
/// </summary>
internal sealed class SandboxFaults
{
    private readonly ConcurrentDictionary<string, (SandboxFault Fault, int Left)> _planned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="count"/> requests to <paramref name="endpoint"/> (e.g. <c>cgi-bin/get_api_domain_ip</c>) fail.</summary>
    public void FailNext(string endpoint, int count, SandboxFault fault) => _planned[Normalize(endpoint)] = (fault, count);

    /// <summary>How many requests <paramref name="endpoint"/> received, faulty answers included.</summary>
    public int Seen(string endpoint) => _seen.GetValueOrDefault(Normalize(endpoint));

    /// <summary>Counts the request and takes one planned fault for it, if any.</summary>
    internal SandboxFault? Take(string endpoint)
    {
        endpoint = Normalize(endpoint);
        _seen.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        while (_planned.TryGetValue(endpoint, out var plan) && plan.Left > 0)
        {
            if (_planned.TryUpdate(endpoint, plan with { Left = plan.Left - 1 }, plan))
                return plan.Fault;
        }
        return null;
    }

    private static string Normalize(string endpoint) => endpoint.Trim('/');
}

/// <summary>Applies <see cref="SandboxFaults"/> to the sandbox's API requests.</summary>
internal static class SandboxFaultsMiddleware
{
    public static IApplicationBuilder UseSandboxFaults(this IApplicationBuilder app)
    {
        var prefix = new PathString(SandboxPaths.Prefix.TrimEnd('/'));
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(prefix, out var rest)
                || !(rest.StartsWithSegments("/cgi-bin") || rest.StartsWithSegments("/sns")))
            {
                await next(context);
                return;
            }
            switch (context.RequestServices.GetRequiredService<SandboxFaults>().Take(rest.Value!))
            {
                case SandboxFault.Busy:
                    await SandboxReplies.Error(PlatformErrors.SystemBusy, "system error").ExecuteAsync(context);
                    break;
                case SandboxFault.Unavailable:
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    break;
                default:
                    await next(context);
                    break;
            }
        });
        return app;
    }
}
