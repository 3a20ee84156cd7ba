using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Portal.Web.Operators;

/// <summary>
/// Applied to the whole /Admin folder: reading needs any operator (the folder's policy), but anything
/// other than GET or HEAD needs an editor or owner, so a new page's handlers are protected without
/// anyone remembering to. Pages open to every operator say so with <see cref="OpenToEveryOperatorAttribute"/>;
/// anonymous pages (sign-in, first run) with [AllowAnonymous].
/// </summary>
public sealed class RequireEditorToChange : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        var model = context.ActionDescriptor.ModelTypeInfo ?? context.ActionDescriptor.PageTypeInfo;
        var exempt = HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            || model.GetCustomAttribute<OpenToEveryOperatorAttribute>() is not null
            || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null;
        if (!exempt)
        {
            var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
            var result = await authorization.AuthorizeAsync(context.HttpContext.User, OperatorClaims.Editor);
            if (!result.Succeeded)
            {
                context.Result = new ForbidResult(OperatorClaims.Scheme);
                return;
            }
        }
        await next();
    }
}
