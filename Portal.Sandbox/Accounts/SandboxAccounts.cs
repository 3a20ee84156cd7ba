using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Portal.Sandbox.Accounts;

/// <summary>
/// The Official Accounts the sandbox plays, read from the same configuration keys Portal reads its accounts
/// from (the keys are the contract; the sandbox uses none of Portal's classes): <c>WeChat:AppId</c>,
/// <c>AppSecret</c>, <c>Token</c>, <c>EncodingAESKey</c> are the first account, and
/// <c>WeChat:Accounts:0:AppId</c> (<c>…:AppSecret</c>, <c>…:Token</c>, <c>…:EncodingAESKey</c>, <c>…:Name</c>),
/// <c>WeChat:Accounts:1:…</c> the further ones. Whatever the first account's settings leave empty comes from
/// <see cref="SandboxAccount.LoadOrCreate"/>, so the sandbox works with no account configured.
/// </summary>
public sealed class SandboxAccounts
{
    public const string SectionName = "WeChat";

    private readonly IReadOnlyList<SandboxAccount> _all;
    private readonly Dictionary<string, SandboxAccount> _byAppId;

    public SandboxAccounts(IConfiguration configuration, IOptions<SandboxOptions> options)
    {
        var section = configuration.GetSection(SectionName);
        var made = SandboxAccount.LoadOrCreate(options.Value.DataFolder);
        var first = new SandboxAccount(
            Or(section["AppId"], made.AppId), Or(section["AppSecret"], made.AppSecret),
            Or(section["Token"], made.Token), Or(section["EncodingAESKey"], made.EncodingAESKey))
        { Name = options.Value.AccountName };
        var all = new List<SandboxAccount> { first };
        _byAppId = new(StringComparer.Ordinal) { [first.AppId] = first };
        foreach (var further in section.GetSection("Accounts").GetChildren())
        {
            var appId = further["AppId"]?.Trim();
            if (string.IsNullOrEmpty(appId) || _byAppId.ContainsKey(appId))
                continue;
            var account = new SandboxAccount(appId, further["AppSecret"] ?? "", further["Token"] ?? "", further["EncodingAESKey"] ?? "")
            {
                Name = Or(further["Name"], appId),
            };
            _byAppId[appId] = account;
            all.Add(account);
        }
        _all = all;
    }

    /// <summary>The first (default) account: the one Portal's plain webhook path and the plain phone page speak for.</summary>
    public SandboxAccount First => _all[0];

    /// <summary>Every account, the first one first.</summary>
    public IReadOnlyList<SandboxAccount> All => _all;

    public SandboxAccount? Find(string? appId) => appId is null ? null : _byAppId.GetValueOrDefault(appId);

    private static string Or(string? configured, string fallback) => string.IsNullOrEmpty(configured) ? fallback : configured;
}
