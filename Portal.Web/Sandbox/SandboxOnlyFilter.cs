using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Portal.Web.Sandbox;

/// <summary>Keeps the sandbox's pages unreachable (404) when the sandbox is off.</summary>
public sealed class SandboxOnlyFilter(IOptions<SandboxOptions> options) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (options.Value.Enabled)
            return next();
        context.Result = new Microsoft.AspNetCore.Mvc.NotFoundResult();
        return Task.CompletedTask;
    }
}
