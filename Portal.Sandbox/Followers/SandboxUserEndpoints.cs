using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Followers;

/// <summary>
/// The sandbox's user API over the calling account's <see cref="SandboxFollowers"/>: user info as the platform discloses it
/// today (no nickname, avatar, sex or region), the paged follower list, and remarks.
/// </summary>
public static class SandboxUserEndpoints
{
    public static IEndpointRouteBuilder MapSandboxUsers(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPaths.Prefix + "cgi-bin/user").ExcludeFromDescription().DisableAntiforgery();
        api.MapGet("/info", Info).WithDailyQuota("user/info");
        api.MapPost("/info/batchget", BatchGetAsync).WithDailyQuota("user/info/batchget");
        api.MapGet("/get", List).WithDailyQuota("user/get");
        api.MapPost("/info/updateremark", UpdateRemarkAsync).WithDailyQuota("user/info/updateremark");
        return endpoints;
    }

    private static IResult Info(string? access_token, string? openid, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        return account.Followers.Find(openid) is { } follower ? Json(Describe(follower)) : Error(PlatformErrors.InvalidOpenId, "invalid openid");
    }

    private static async Task<IResult> BatchGetAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<BatchRequest>(request);
        if (unreadable is not null)
            return unreadable;
        if (body!.Users is not { Count: > 0 and <= PlatformUserRules.MaxBatch } users)
            return Error(PlatformErrors.InvalidOpenIdListSize, "invalid openid list size");
        var found = users.Select(u => account.Followers.Find(u.OpenId)).ToList();
        if (found.Any(f => f is null))
            return Error(PlatformErrors.InvalidOpenId, "invalid openid");
        return Json(new { user_info_list = found.Select(f => Describe(f!)) });
    }

    /// <summary>
    /// user/get: followers in the order they followed, a page at a time after <paramref name="next_openid"/>.
    /// The last page names its last OpenID as the next one, as the platform's does; the page after it is empty.
    /// </summary>
    private static IResult List(string? access_token, string? next_openid, SandboxWorld world, IOptions<SandboxOptions> options)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var subscribed = account.Followers.Subscribed();
        var start = 0;
        if (!string.IsNullOrEmpty(next_openid))
        {
            start = IndexOf(subscribed, next_openid) + 1;
            if (start == 0)
                return Error(PlatformErrors.InvalidOpenId, "invalid next_openid");
        }
        var page = subscribed.Skip(start).Take(Math.Clamp(options.Value.UserListPageSize, 1, PlatformUserRules.PageSize)).Select(f => f.OpenId).ToList();
        return page.Count == 0
            ? Json(new { total = subscribed.Count, count = 0, next_openid = "" })
            : Json(new { total = subscribed.Count, count = page.Count, data = new { openid = page }, next_openid = page[^1] });
    }

    private static async Task<IResult> UpdateRemarkAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<RemarkRequest>(request);
        if (unreadable is not null)
            return unreadable;
        if (account.Followers.Find(body!.OpenId) is not { } follower)
            return Error(PlatformErrors.InvalidOpenId, "invalid openid");
        account.Followers.SetRemark(follower, body.Remark ?? "");
        return Ok();
    }

    private static int IndexOf(IReadOnlyList<SandboxFollower> list, string openId)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].OpenId == openId)
                return i;
        }
        return -1;
    }

    /// <summary>What user/info tells: only that someone does not follow, or the fields still disclosed.</summary>
    private static object Describe(SandboxFollower f)
    {
        if (!f.Subscribed)
            return new { subscribe = 0, openid = f.OpenId };
        var numericScene = long.TryParse(f.QrScene, out var scene);
        return new
        {
            subscribe = 1,
            openid = f.OpenId,
            language = f.Language,
            subscribe_time = f.SubscribedAt?.ToUnixTimeSeconds() ?? 0,
            remark = f.Remark,
            groupid = 0,
            tagid_list = SandboxTags.TagsOf(f),
            subscribe_scene = f.SubscribeScene,
            qr_scene = numericScene ? scene : 0,
            qr_scene_str = numericScene ? "" : f.QrScene ?? "",
        };
    }

    private sealed record BatchRequest([property: JsonPropertyName("user_list")] List<BatchItem>? Users);

    private sealed record BatchItem([property: JsonPropertyName("openid")] string? OpenId, [property: JsonPropertyName("lang")] string? Lang);

    private sealed record RemarkRequest([property: JsonPropertyName("openid")] string? OpenId, [property: JsonPropertyName("remark")] string? Remark);
}
