using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Pages.Sandbox;

/// <summary>The sandbox phone: a follower's view of an account, driving its webhook as WeChat does.</summary>
public sealed class PhoneModel(SandboxAccounts accounts, SandboxWebhookClient webhook, SandboxPlatformRole role) : PageModel
{
    /// <summary>One account the follower can talk to, with the server URL its pushes go to.</summary>
    public sealed record AccountChoice(string AppId, string Name, string Webhook, string Mode);

    /// <summary>Every account the sandbox plays, the first one first.</summary>
    public IReadOnlyList<AccountChoice> Accounts { get; } = [.. accounts.All.Select(a => new AccountChoice(
        a.AppId, a.Name, webhook.WebhookUrlFor(a, accounts).ToString(), webhook.ModeFor(a).ToString().ToLowerInvariant()))];

    /// <summary>The process playing WeChat; every instance's sandbox pages are this one's, forwarded.</summary>
    public string PlatformAddress => role.PlatformUrl.ToString();

    public void OnGet()
    {
    }
}
