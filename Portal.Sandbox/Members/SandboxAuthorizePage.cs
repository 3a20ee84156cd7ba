using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Members;

/// <summary>
/// The sandbox's authorize page, <c>/sandbox/connect/oauth2/authorize</c>: what WeChat's in-app browser
/// shows during web authorization, for the account the request's appid names. The person is whoever the
/// <see cref="FollowerCookie"/> names among that account's followers (the sandbox phone page sets it); without
/// it the page asks who you are. snsapi_base goes straight back with a code;
/// snsapi_userinfo first asks for consent, and a refusal goes back without a code.
/// Plain server-rendered HTML: a stand-in page needs no view engine.
/// </summary>
public static class SandboxAuthorizePage
{
    /// <summary>The cookie holding the OpenID of the sandbox person using this browser.</summary>
    public const string FollowerCookie = "portal-sandbox-follower";

    public const string Path = SandboxPaths.Prefix + "connect/oauth2/authorize";
    private const string WhoPath = SandboxPaths.Prefix + "connect/oauth2/who";

    public static IEndpointRouteBuilder MapSandboxAuthorizePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Show).ExcludeFromDescription();
        endpoints.MapPost(Path, DecideAsync).ExcludeFromDescription();
        endpoints.MapPost(WhoPath, ChooseAsync).ExcludeFromDescription();
        return endpoints;
    }

    private sealed record AuthorizeRequest(string? AppId, string? RedirectUri, string? ResponseType, string? Scope, string? State)
    {
        public string Query => QueryString.Create(new Dictionary<string, string?>
        {
            ["appid"] = AppId, ["redirect_uri"] = RedirectUri, ["response_type"] = ResponseType, ["scope"] = Scope, ["state"] = State,
        }).Value!;
    }

    private static IResult Show(HttpRequest request, SandboxWorld world, SandboxOAuth oauth)
    {
        var q = request.Query;
        var ask = new AuthorizeRequest(q["appid"], q["redirect_uri"], q["response_type"], q["scope"], q["state"]);
        if (Refusal(ask, world, out var account) is { } refused)
            return refused;
        if (account.Followers.Find(request.Cookies[FollowerCookie]) is not { } person)
            return WhoAreYou(account, Path + ask.Query);
        if (ask.Scope == OAuthScopes.Base)
            return Results.Redirect(CallbackWithCode(ask, oauth.IssueCode(ask.AppId!, person.OpenId, ask.Scope)));
        return Consent(ask, person, account.Account.Name);
    }

    private static async Task<IResult> DecideAsync(HttpRequest request, SandboxWorld world, SandboxOAuth oauth)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var ask = new AuthorizeRequest(form["appid"], form["redirect_uri"], form["response_type"], form["scope"], form["state"]);
        if (Refusal(ask, world, out var account) is { } refused)
            return refused;
        if (account.Followers.Find(request.Cookies[FollowerCookie]) is not { } person)
            return WhoAreYou(account, Path + ask.Query);
        if (form["decision"] != "allow")
            return Results.Redirect(SandboxRedirects.Location(QueryHelpers.AddQueryString(ask.RedirectUri!, "state", ask.State ?? "")));
        return Results.Redirect(CallbackWithCode(ask, oauth.IssueCode(ask.AppId!, person.OpenId, ask.Scope!)));
    }

    /// <summary>The picker's answer: an existing person of the account, or a new one by nickname; remembered in the cookie.</summary>
    private static async Task<IResult> ChooseAsync(HttpContext context, SandboxWorld world)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var followers = (world.Find(form["appid"]) ?? world.First).Followers;
        var person = followers.Find(form["openid"])
            ?? (form["nickname"].ToString().Trim() is { Length: > 0 } nickname ? followers.Create(nickname) : null);
        var back = SandboxRedirects.Location(form["return"].ToString());
        if (!back.StartsWith(Path + "?", StringComparison.Ordinal))
            back = Path; // never an open redirect
        if (person is null)
            return Results.Redirect(back);
        context.Response.Cookies.Append(FollowerCookie, person.OpenId, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        return Results.Redirect(back);
    }

    /// <summary>The platform's error page for a request it will not serve, or null when the request is sound.</summary>
    private static IResult? Refusal(AuthorizeRequest ask, SandboxWorld world, out SandboxAccountStores account)
    {
        account = world.First;
        if (string.IsNullOrEmpty(ask.AppId))
            return ErrorPage("10012", "appid 参数错误 (appid missing)");
        if (world.Find(ask.AppId) is not { } asked)
            return ErrorPage("10016", "appid 参数错误 (unknown appid)");
        account = asked;
        if (!Uri.TryCreate(ask.RedirectUri, UriKind.Absolute, out var redirect) || (redirect.Scheme != Uri.UriSchemeHttp && redirect.Scheme != Uri.UriSchemeHttps))
            return ErrorPage("10003", "redirect_uri 参数错误 (must be an absolute http(s) URL)");
        if (ask.ResponseType != "code")
            return ErrorPage("10004", "response_type 参数错误 (must be code)");
        if (!OAuthScopes.IsKnown(ask.Scope))
            return ErrorPage("10005", "scope 参数错误或没有 scope 权限 (snsapi_base or snsapi_userinfo)");
        return null;
    }

    private static string CallbackWithCode(AuthorizeRequest ask, string code) =>
        SandboxRedirects.Location(QueryHelpers.AddQueryString(ask.RedirectUri!, new Dictionary<string, string?> { ["code"] = code, ["state"] = ask.State ?? "" }));

    private static IResult ErrorPage(string code, string message) =>
        Page("Oops! Something went wrong", $"""
            <div class="box error"><h1>Oops! Something went wrong :(</h1><p>{Html(code)} {Html(message)}</p></div>
            """, StatusCodes.Status400BadRequest);

    private static IResult WhoAreYou(SandboxAccountStores account, string returnUrl)
    {
        var body = new StringBuilder();
        body.Append("<div class=\"box\"><h1>Who are you?</h1><p>The sandbox does not know whose phone this is. Pick a person, or make one.</p>");
        var appId = $"<input type=\"hidden\" name=\"appid\" value=\"{Html(account.Account.AppId)}\">";
        foreach (var person in account.Followers.All())
        {
            body.Append($"""
                <form method="post" action="{WhoPath}"><input type="hidden" name="return" value="{Html(returnUrl)}">{appId}<input type="hidden" name="openid" value="{Html(person.OpenId)}"><button>{Html(person.Nickname)}{(person.Subscribed ? "" : " (not following)")}</button></form>
                """);
        }
        body.Append($"""
            <form method="post" action="{WhoPath}"><input type="hidden" name="return" value="{Html(returnUrl)}">{appId}<input name="nickname" placeholder="Nickname" required><button>Create</button></form></div>
            """);
        return Page("Who are you?", body.ToString());
    }

    private static IResult Consent(AuthorizeRequest ask, SandboxFollower person, string accountName)
    {
        string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{Html(value)}\">";
        var fields = Hidden("appid", ask.AppId) + Hidden("redirect_uri", ask.RedirectUri) + Hidden("response_type", ask.ResponseType) + Hidden("scope", ask.Scope) + Hidden("state", ask.State);
        return Page("Authorize", $"""
            <div class="box"><h1>{Html(accountName)}</h1>
            <p>申请获取以下权限 · requests access to</p><p><b>获得你的公开信息（昵称、头像等）</b><br>your public profile (nickname, avatar)</p>
            <p>as <b>{Html(person.Nickname)}</b></p>
            <form method="post" action="{Path}">{fields}<button name="decision" value="allow" class="primary">允许 Allow</button><button name="decision" value="deny">拒绝 Deny</button></form></div>
            """);
    }

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{Html(title)}</title>
        <style>body{"{"}font-family:system-ui,sans-serif;background:#ededed;margin:0;padding:24px{"}"}.box{"{"}background:#fff;border-radius:8px;padding:20px;max-width:420px;margin:auto{"}"}
        button{"{"}display:block;width:100%;margin:8px 0;padding:10px;border:0;border-radius:6px;background:#f2f2f2;font-size:16px{"}"}.primary{"{"}background:#07c160;color:#fff{"}"}
        input[name=nickname]{"{"}width:100%;box-sizing:border-box;padding:10px;margin-top:12px{"}"}.error h1{"{"}color:#fa5151{"}"}</style></head>
        <body>{body}</body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");
}
