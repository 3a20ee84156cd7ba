using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.Messaging;
using Portal.Web.Sandbox;

namespace Portal.Web.Pages.Sandbox;

/// <summary>The sandbox phone: a follower's view of the account, driving the webhook as WeChat does.</summary>
public sealed class PhoneModel(IOptions<MessagingOptions> messaging, IOptions<SandboxOptions> sandbox, SandboxWebhookClient webhook) : PageModel
{
    public string WebhookPath => messaging.Value.Path;

    public string Mode => webhook.Mode.ToString().ToLowerInvariant();

    public string AccountName => sandbox.Value.AccountName;

    public void OnGet()
    {
    }
}
