using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Portal.Core.Accounts;
using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>
/// Applied to the whole /Admin folder: decides, on every request of a signed-in operator, which Official
/// Account the page works on, from the accounts the directory has and this operator may use (none listed:
/// all). A post works on the account its form was shown for (<see cref="AdminAccountChoice.FormField"/>), a read on
/// the operator's last choice (<see cref="AdminAccountChoice.CookieName"/>), else their first account. An account
/// the operator may not use is refused, never quietly replaced by another: a forged or stale post changes
/// nothing.
/// </summary>
public sealed partial class ChooseAdminAccount(AccountDirectory directory, OperatorStore operators, ILogger<ChooseAdminAccount> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var operatorId = http.User.Identity?.AuthenticationType == OperatorClaims.Scheme ? http.User.OperatorId() : null;
        if (operatorId is null || http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next();
            return;
        }

        var allowed = await operators.AccountsAsync(operatorId.Value, http.RequestAborted);
        var usable = directory.All.Where(a => allowed.Count == 0 || allowed.Contains(a.Id)).ToList();
        var account = await ChooseAsync(http, usable);
        if (account is null)
        {
            LogRefused(logger, operatorId.Value, http.Request.Method, http.Request.Path);
            context.Result = new ForbidResult(OperatorClaims.Scheme);
            return;
        }
        AdminAccountChoice.Set(http, account, usable);
        await next();
    }

    private static async Task<WeChatAccount?> ChooseAsync(HttpContext http, List<WeChatAccount> usable)
    {
        if (usable.Count == 0)
            return null;
        var reading = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        string? posted = null;
        if (!reading && http.Request.HasFormContentType)
            posted = (await http.Request.ReadFormAsync(http.RequestAborted))[AdminAccountChoice.FormField].FirstOrDefault();
        var named = string.IsNullOrEmpty(posted) ? http.Request.Cookies[AdminAccountChoice.CookieName] : posted;
        if (named is null)
            return usable[0];
        var id = AdminAccountChoice.Parse(named);
        var account = usable.FirstOrDefault(a => a.Id == id);
        // A read falls back on the first account the operator may use (their limits may have changed since
        // they chose); a change is only ever made on the account it names.
        return account ?? (reading ? usable[0] : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator {OperatorId} was refused {Method} {Path}: it names an account they may not use")]
    private static partial void LogRefused(ILogger logger, long operatorId, string method, string path);
}
