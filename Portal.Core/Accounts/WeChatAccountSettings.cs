namespace Portal.Core.Accounts;

/// <summary>
/// One further account as configured under <c>WeChat:Accounts:{n}</c> (environment <c>WeChat__Accounts__0__AppId</c>, …).
/// The first account stays on <c>WeChat:AppId</c>, <c>WeChat:Token</c>, … so a single-account Portal keeps its
/// settings; the shared platform settings (base URLs, timeouts, retries) stay on <c>WeChat:*</c> for all.
/// </summary>
public sealed class WeChatAccountSettings
{
    public string AppId { get; set; } = "";

    public string AppSecret { get; set; } = "";

    public string Token { get; set; } = "";

    public string EncodingAESKey { get; set; } = "";

    public string Name { get; set; } = "";

    public override string ToString() => $"WeChat account {AppId}"; // never the secrets
}
