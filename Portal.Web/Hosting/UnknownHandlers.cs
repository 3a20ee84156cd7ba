using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Hosting;

/// <summary>
/// A request that names no handler the page has (a POST to a page that only shows, <c>?handler=Nope</c>)
/// would otherwise run the page with none of its data loaded and end in a NullReferenceException.
/// It is answered 405 when the page takes nothing by that method, else 400. Applies to every page.
/// </summary>
public sealed class UnknownHandlers : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var named = RequestedName(context);
        if (context.HandlerMethod is { } selected)
        {
            // The framework falls back to the unnamed handler for a name it does not know: a POST meant
            // for nothing would run OnPost. A name asked for must be the handler that runs.
            if (named is null || string.Equals(selected.Name, named, StringComparison.OrdinalIgnoreCase))
                return next();
            context.Result = Unknown();
            return Task.CompletedTask;
        }
        var handlers = context.ActionDescriptor.HandlerMethods;
        var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (handlers.Any(h => HttpMethods.Equals(h.HttpMethod, request.Method) || (reading && HttpMethods.IsGet(h.HttpMethod))))
        {
            context.Result = Unknown();
            return Task.CompletedTask;
        }
        if (!reading)
        {
            // A page always shows on GET, with or without an OnGet.
            context.HttpContext.Response.Headers.Allow = string.Join(", ", handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Distinct());
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }
        return next();
    }

    /// <summary>Where Razor Pages reads the handler's name: the route's {handler}, else ?handler=.</summary>
    private static string? RequestedName(PageHandlerExecutingContext context) =>
        context.RouteData.Values["handler"] is string route && route.Length > 0 ? route
        : context.HttpContext.Request.Query["handler"] is { Count: > 0 } query && !string.IsNullOrEmpty(query[0]) ? query[0]
        : null;

    private static ContentResult Unknown() =>
        new() { StatusCode = StatusCodes.Status400BadRequest, Content = "This page has no such action.", ContentType = "text/plain; charset=utf-8" };
}
