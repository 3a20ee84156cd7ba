using System.Text.Encodings.Web;

namespace Portal.Web.Members;

/// <summary>The few plain pages of the sign-in flow, each saying what happened and what to do.</summary>
public static class MemberPages
{
    public static IResult OpenInWeChat(string url) => Page("Open in WeChat", $"""
        <h1>Please open this page in WeChat</h1>
        <p>This page signs you in with your WeChat account, which only works inside WeChat.
        Send the link to yourself in WeChat, or scan it there:</p>
        <p class="link">{Html(url)}</p>
        """);

    public static IResult CouldNotSignIn(string retryUrl, HttpContext http, OAuthStateCookie cookie)
    {
        // The next try starts with a clean count.
        http.Response.Cookies.Delete(OAuthStateCookie.Name, new CookieOptions { Path = OAuthStateCookie.PathFor(http.Request) });
        return Page("Could not sign you in", $"""
            <h1>We could not sign you in</h1>
            <p>WeChat sent you back here several times without a sign-in we could use. This can happen on a
            slow connection or when the page was opened twice at once.</p>
            <p><a class="button" href="{Html(retryUrl)}">Try again</a></p>
            """, StatusCodes.Status200OK);
    }

    public static IResult NotStartedHere() => Page("Sign-in link not valid here", """
        <h1>This sign-in was not started in this browser</h1>
        <p>The link you followed belongs to a sign-in started somewhere else, or it is too old. Open the
        page you wanted again from the account's menu.</p>
        """, StatusCodes.Status400BadRequest);

    public static IResult Declined(string signInPath, string returnUrl) => Page("Not signed in", $"""
        <h1>You did not allow the sign-in</h1>
        <p>Nothing was shared. This page needs your WeChat profile to continue.</p>
        <p><a class="button" href="{Html(signInPath + "?returnUrl=" + Uri.EscapeDataString(returnUrl) + "&scope=snsapi_userinfo")}">Ask me again</a></p>
        """);

    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => Results.Content($"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{Html(title)}</title>
        <style>body{"{"}font-family:-apple-system,"PingFang SC",system-ui,sans-serif;background:#ededed;margin:0;padding:24px 16px;color:#191919{"}"}
        main{"{"}background:#fff;border-radius:8px;padding:20px;max-width:480px;margin:auto{"}"}h1{"{"}font-size:20px{"}"}
        .link{"{"}word-break:break-all;background:#f7f7f7;padding:8px;border-radius:4px{"}"}.button{"{"}display:inline-block;background:#07c160;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none{"}"}</style>
        </head><body><main>{body}</main></body></html>
        """, "text/html; charset=utf-8", statusCode: status);

    private static string Html(string s) => HtmlEncoder.Default.Encode(s);
}
