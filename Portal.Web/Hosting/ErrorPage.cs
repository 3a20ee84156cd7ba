using Microsoft.AspNetCore.Diagnostics;

namespace Portal.Web.Hosting;

/// <summary>
/// What a person sees when a page fails outside Development: a short page in place of the server's empty
/// 500, carrying the security headers like every other answer. The exception is logged, never shown.
/// Development keeps the framework's page with the stack trace.
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
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            ExceptionHandler = http =>
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                return http.Response.WriteAsync(Html);
            },
        });
        return app;
    }
}
