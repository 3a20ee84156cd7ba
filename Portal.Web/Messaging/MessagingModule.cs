using Microsoft.Extensions.Options;
using Portal.Core.Messaging;

namespace Portal.Web.Messaging;

/// <summary>
/// The webhook WeChat calls and the pipeline behind it: each account's at <c>{<see cref="MessagingOptions.Path"/>}/{AppId}</c>
/// (<c>/wx/wx…</c>), and the default account's also at the path itself, so a single-account Portal keeps its URL.
/// </summary>
public static class MessagingModule
{
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder)
    {
        builder.AddMessagingCore();
        builder.Services.AddSingleton<WeChatWebhook>();
        return builder;
    }

    /// <summary>
    /// Answers WeChat's calls ahead of the rest of the pipeline. They need no cookies, authentication, antiforgery
    /// or output cache, and on the webhook's hot path each of those middlewares cost every message allocations and
    /// time for nothing; so the webhook is a middleware placed first, not an endpoint behind them.
    /// </summary>
    public static WebApplication MapMessaging(this WebApplication app)
    {
        var path = new PathString(app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.Path.TrimEnd('/'));
        var webhook = app.Services.GetRequiredService<WeChatWebhook>();
        app.Use((http, next) =>
        {
            var request = http.Request;
            if (!request.Path.StartsWithSegments(path, out var rest))
                return next(http);
            // "", "/" or "/{AppId}" (a trailing slash allowed); anything else under the path is nobody's webhook.
            var appId = rest.Value.AsSpan().Trim('/');
            var account = appId.IsEmpty ? webhook.Default : appId.Contains('/') ? null : webhook.Find(appId);
            if (account is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            if (HttpMethods.IsPost(request.Method))
                return webhook.ReceiveAsync(http, account);
            if (HttpMethods.IsGet(request.Method))
                return webhook.VerifyAsync(http, account);
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "GET, POST";
            return Task.CompletedTask;
        });
        return app;
    }
}
