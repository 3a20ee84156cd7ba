using Microsoft.Extensions.Options;
using Portal.Sandbox;
using Portal.Sandbox.Members;

namespace Portal.Web.Members;

/// <summary>
/// Whether a request comes from WeChat's built-in browser, where web authorization works. Elsewhere it
/// cannot (the authorize page only opens inside WeChat), so pages say how to open them instead of looping.
/// </summary>
public sealed class WeChatBrowser(IOptions<SandboxOptions> sandbox)
{
    public bool IsInside(HttpRequest request) =>
        request.Headers.UserAgent.ToString().Contains("MicroMessenger", StringComparison.OrdinalIgnoreCase)
        // The sandbox plays WeChat: its phone page's in-chat browser is a frame of an ordinary browser,
        // recognised by the follower the phone page chose.
        || (sandbox.Value.Enabled && request.Cookies.ContainsKey(SandboxAuthorizePage.FollowerCookie));
}
