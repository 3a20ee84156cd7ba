using System.Net;

namespace Portal.Sandbox.Platform;

/// <summary>
/// On an instance that does not play the platform (<see cref="SandboxPlatformRole"/>), every request under
/// <c>/sandbox/</c> (the phone page and its API, the authorize page, the platform API, its static files) is
/// forwarded to the one that does, and its answer handed back unchanged. The browser stays on the address
/// it opened, and there is one set of followers, chats and tokens however many instances serve the pages.
/// </summary>
public static partial class SandboxForwarding
{
    public const string ClientName = "sandbox-platform";

    /// <summary>Marks a forwarded request, so that two instances which both defer cannot pass it back and forth.</summary>
    public const string ForwardedHeader = "X-Portal-Sandbox-Forwarded";

    // Headers about one connection, not the request: the hop to the platform has its own.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade",
        "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", ForwardedHeader,
    };

    public static IServiceCollection AddSandboxForwarding(this IServiceCollection services)
    {
        services.AddSingleton<SandboxPlatformRole>();
        // No redirects followed and no cookie jar: both belong to the browser the answer goes back to.
        // No overall timeout either: the platform's own deadlines (the webhook's 5 s per attempt) bound a
        // phone action, and the browser's leaving cancels the call; only connecting is limited.
        services.AddHttpClient(ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
        return services;
    }

    /// <summary>Forwards the sandbox's paths when another process plays the platform; first among the sandbox's middleware.</summary>
    public static IApplicationBuilder UseSandboxForwarding(this IApplicationBuilder app)
    {
        var prefix = new PathString(SandboxPaths.Prefix.TrimEnd('/'));
        app.Use(async (context, next) =>
        {
            var role = context.RequestServices.GetRequiredService<SandboxPlatformRole>();
            if (!context.Request.Path.StartsWithSegments(prefix) || role.PlaysPlatform)
            {
                await next(context);
                return;
            }
            await ForwardAsync(context, role.PlatformUrl);
        });
        return app;
    }

    private static async Task ForwardAsync(HttpContext context, Uri platform)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SandboxForwarding));
        var request = context.Request;
        if (request.Headers.ContainsKey(ForwardedHeader))
        {
            // Sandbox:SelfUrl leads to an instance that defers too: nobody plays, and forwarding again would loop.
            LogNobodyPlays(logger, platform);
            await Plain(context, StatusCodes.Status508LoopDetected,
                $"No instance plays the sandbox's WeChat platform: Sandbox:SelfUrl ({platform}) reaches an instance that forwards to it too. Set Sandbox:PlaysPlatform=true on the one instance that should.");
            return;
        }

        // The path is under /sandbox/, so the target stays on the platform's host whatever the request says.
        var target = new Uri(platform, request.Path.ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent());
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            outgoing.Content = new StreamContent(request.Body);
        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
                continue;
            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                outgoing.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        outgoing.Headers.TryAddWithoutValidation(ForwardedHeader, "1");

        HttpResponseMessage answer;
        try
        {
            var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
            answer = await client.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(logger, platform, e.Message);
            await Plain(context, StatusCodes.Status502BadGateway,
                $"The sandbox's WeChat platform is played by the instance at {platform} (Sandbox:SelfUrl), and it does not answer: {e.Message}");
            return;
        }
        using (answer)
        {
            var response = context.Response;
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                    response.Headers[name] = values.ToArray();
            }
            await answer.Content.CopyToAsync(response.Body, context.RequestAborted);
        }
    }

    private static Task Plain(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox's WeChat platform at {Platform} does not answer a forwarded request: {Problem}")]
    private static partial void LogUnreachable(ILogger logger, Uri platform, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "A sandbox request was forwarded to {Platform}, which does not play the platform either; set Sandbox:PlaysPlatform=true on one instance")]
    private static partial void LogNobodyPlays(ILogger logger, Uri platform);
}
