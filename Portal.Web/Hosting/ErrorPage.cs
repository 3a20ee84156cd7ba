using Microsoft.AspNetCore.Diagnostics;
using Portal.Core.Logging;

namespace Portal.Web.Hosting;

/// <summary>
/// What a person sees when a page fails outside Development: a short page in place of the server's empty
/// 500, carrying the security headers like every other answer. The exception is logged, never shown.
/// Development keeps the framework's page with the stack trace. A page that failed because the database or
/// Redis cannot be reached answers 503 with Retry-After, and its stack is not logged: the outage is logged
/// once, when it starts and ends, by the parts that notice it on their own (Redis's circuit, the outbox's
/// pass every second), not once per page view.
/// </summary>
public static class ErrorPage
{
    private const string Html = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>出错了 · Something went wrong</title></head>
        <body><h1>出错了</h1><p>页面暂时无法打开，请稍后再试。</p>
        <p lang="en">Something went wrong on our side. Please try again in a moment.</p></body></html>
        """;

    public static WebApplication UsePortalErrorPage(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
            return app;
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A request the server refused (too large, cut short) stays the 4xx it is, not our failure.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when DependencyFailure.IsUnavailable(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
            SuppressDiagnosticsCallback = c => DependencyFailure.IsUnavailable(c.Exception),
            ExceptionHandler = http =>
            {
                if (http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
                    http.Response.Headers.RetryAfter = "5";
                http.Response.ContentType = "text/html; charset=utf-8";
                return http.Response.WriteAsync(Html);
            },
        });
        return app;
    }
}
