using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Web.Sandbox;

namespace Portal.Web.Pages.Sandbox;

/// <summary>The sandbox phone: a follower's view of the account, driving the webhook as WeChat does.</summary>
public sealed class PhoneModel(IOptions<SandboxOptions> sandbox, SandboxWebhookClient webhook, SandboxPlatformRole role) : PageModel
{
    /// <summary>The account's server URL, where the pushes go.</summary>
    public string WebhookAddress => webhook.WebhookUrl.ToString();

    /// <summary>The process playing WeChat; every instance's sandbox pages are this one's, forwarded.</summary>
    public string PlatformAddress => role.PlatformUrl.ToString();

    public string Mode => webhook.Mode.ToString().ToLowerInvariant();

    public string AccountName => sandbox.Value.AccountName;

    public void OnGet()
    {
    }
}
