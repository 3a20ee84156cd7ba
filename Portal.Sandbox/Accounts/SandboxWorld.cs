using Microsoft.Extensions.Options;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Sandbox.Accounts;

/// <summary>
/// Everything the platform keeps for one Official Account: its followers (OpenIDs are per account, as on the
/// platform), tags, chats, deliveries, menus, templates, QR codes, JS-SDK ticket and daily quotas.
/// </summary>
public sealed record SandboxAccountStores(
    SandboxAccount Account,
    SandboxFollowers Followers,
    SandboxTags Tags,
    SandboxChats Chats,
    SandboxInbox Inbox,
    SandboxMenus Menus,
    SandboxTemplates Templates,
    SandboxQrCodes QrCodes,
    SandboxTickets Tickets,
    SandboxQuotas Quotas);

/// <summary>
/// The accounts the sandbox plays and each one's stores. The first account's stores are the services the
/// container holds (so a test can look at them, or put its own in); the further accounts' are made here,
/// each keeping its part of <see cref="SandboxState"/>.
/// </summary>
public sealed class SandboxWorld
{
    private readonly SandboxTokens _tokens;
    private readonly Dictionary<string, SandboxAccountStores> _byAppId = new(StringComparer.Ordinal);

    public SandboxWorld(
        SandboxAccounts accounts, SandboxTokens tokens, SandboxState state, TimeProvider time, IOptions<SandboxOptions> options,
        SandboxFollowers followers, SandboxTags tags, SandboxChats chats, SandboxInbox inbox, SandboxMenus menus,
        SandboxTemplates templates, SandboxQrCodes qrCodes, SandboxTickets tickets, SandboxQuotas quotas)
    {
        _tokens = tokens;
        First = new(accounts.First, followers, tags, chats, inbox, menus, templates, qrCodes, tickets, quotas);
        _byAppId[First.Account.AppId] = First;
        var all = new List<SandboxAccountStores> { First };
        foreach (var account in accounts.All.Skip(1))
        {
            if (_byAppId.ContainsKey(account.AppId))
                continue;
            var memory = state.For(account.AppId);
            var theirs = new SandboxFollowers(time, memory);
            var stores = new SandboxAccountStores(
                account, theirs, new SandboxTags(theirs, memory), new SandboxChats(time, memory), new SandboxInbox(theirs, time, memory),
                new SandboxMenus(memory), new SandboxTemplates(memory), new SandboxQrCodes(time, memory),
                new SandboxTickets(time, options), new SandboxQuotas(time, options));
            _byAppId[account.AppId] = stores;
            all.Add(stores);
        }
        All = all;
    }

    /// <summary>The first (default) account.</summary>
    public SandboxAccountStores First { get; }

    /// <summary>Every account, the first one first.</summary>
    public IReadOnlyList<SandboxAccountStores> All { get; }

    public SandboxAccountStores? Find(string? appId) => appId is null ? null : _byAppId.GetValueOrDefault(appId);

    /// <summary>
    /// The account an access token was minted for, or the platform's refusal (41001, 40001, 42001): the token
    /// alone says which account a call is for, as on the platform.
    /// </summary>
    public IResult? Refuse(string? accessToken, out SandboxAccountStores account)
    {
        var (code, appId) = _tokens.Check(accessToken);
        if (code == 0 && Find(appId) is { } found)
        {
            account = found;
            return null;
        }
        account = First;
        return SandboxReplies.TokenRefused(code == 0 ? PlatformErrors.InvalidCredential : code);
    }
}
