using Portal.Core.Accounts;
using Microsoft.Extensions.Logging;
using Portal.Core.Platform;

namespace Portal.Core.Menus;

/// <summary>
/// Puts menus on the platform and keeps the history: checks a menu against the platform's limits first
/// (nothing invalid is sent), publishes through the platform client, and records who published what.
/// A rollback publishes an old version again as a new one, so the history only grows.
/// </summary>
public sealed partial class MenuPublisher(MenuClient client, AccessTokenBroker broker, MenuVersionStore versions, ILogger<MenuPublisher> logger)
{
    public async Task<MenuPublishResult> PublishAsync(WeChatAccount account, Menu menu, MatchRule? rule, string by, string source = MenuVersionSources.Publish, string? note = null, CancellationToken ct = default)
    {
        var problems = rule is null ? MenuRules.Check(menu) : MenuRules.Check(menu, rule);
        if (problems.Count > 0)
            return MenuPublishResult.Refused(problems);
        long? menuId = null;
        try
        {
            if (rule is null)
                await broker.CallAsync(account, async (token, c) => { await client.CreateAsync(token, menu, c).ConfigureAwait(false); return true; }, ct).ConfigureAwait(false);
            else
                menuId = await broker.CallAsync(account, (token, c) => client.AddConditionalAsync(token, menu, rule, c), ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e)
        {
            // The platform's own check disagreed with ours, or it refused for another reason: say which.
            LogRefused(logger, e.ErrorCode);
            return MenuPublishResult.Refused([new MenuProblem(e.ErrorCode, PlainWords(e), "")]);
        }
        var version = await versions.AddAsync(account.Id, new MenuVersion { Menu = menu, Rule = rule, PlatformMenuId = menuId, Source = source, Note = note, CreatedBy = by }, ct).ConfigureAwait(false);
        LogPublished(logger, version.Id, by);
        return MenuPublishResult.Published(version);
    }

    /// <summary>Publishes version <paramref name="versionId"/> again; recorded as a new version that says so.</summary>
    public async Task<MenuPublishResult> RollbackAsync(WeChatAccount account, long versionId, string by, CancellationToken ct = default)
    {
        var old = await versions.GetAsync(account.Id, versionId, ct).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"There is no menu version {versionId}.");
        return await PublishAsync(account, old.Menu, old.Rule, by, MenuVersionSources.Rollback, $"rollback to version {versionId}", ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the default menu on the platform; when it differs from the last one Portal knows (someone
    /// changed it in the WeChat console), records it as a pulled version. Null when the account has no menu.
    /// </summary>
    public async Task<MenuVersion?> PullAsync(WeChatAccount account, string by, CancellationToken ct = default)
    {
        var live = await broker.CallAsync(account, (token, c) => client.GetAsync(token, c), ct).ConfigureAwait(false);
        if (live.Default is not { } menu)
            return null;
        var known = await versions.LatestDefaultAsync(account.Id, ct).ConfigureAwait(false);
        if (known is not null && MenuJson.Write(known.Menu) == MenuJson.Write(menu))
            return known;
        return await versions.AddAsync(account.Id, new MenuVersion { Menu = menu, Source = MenuVersionSources.Pull, Note = "read from the platform", CreatedBy = by }, ct).ConfigureAwait(false);
    }

    private static string PlainWords(WeChatApiException e) => e.ErrorCode switch
    {
        WeChatErrorCodes.DailyQuotaReached => "The platform's daily limit for publishing menus is used up; try again tomorrow.",
        WeChatErrorCodes.ApiUnauthorized => "This account is not allowed to use custom menus (it may need to be verified).",
        _ => $"The platform refused the menu: {e.ErrorMessage}",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Menu version {VersionId} published by {Operator}")]
    private static partial void LogPublished(ILogger logger, long versionId, string @operator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The platform refused a menu (errcode {ErrorCode})")]
    private static partial void LogRefused(ILogger logger, int errorCode);
}

/// <summary>A publish's outcome: the new version, or the problems that stopped it.</summary>
public sealed record MenuPublishResult(MenuVersion? Version, IReadOnlyList<MenuProblem> Problems)
{
    public bool Succeeded => Version is not null;

    public static MenuPublishResult Published(MenuVersion version) => new(version, []);

    public static MenuPublishResult Refused(IReadOnlyList<MenuProblem> problems) => new(null, problems);
}
