using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Core.Platform;

namespace Portal.Core.Followers;

/// <summary>
/// Followers: who they are, the remark the account keeps on them, and the list of everyone following
/// (https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html).
/// </summary>
public sealed class UserClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    /// <summary>The most OpenIDs <c>user/info/batchget</c> takes at once.</summary>
    public const int MaxBatch = 100;

    /// <summary>The most OpenIDs one page of <c>user/get</c> holds.</summary>
    public const int PageSize = 10_000;

    /// <summary>GET /cgi-bin/user/info. An OpenID the account does not know gives 40003.</summary>
    public Task<UserInfo> InfoAsync(string accessToken, string openId, string lang = "zh_CN", CancellationToken ct = default) =>
        PlatformRequests.GetAsync<UserInfo>(http, options.Value, "cgi-bin/user/info", accessToken, $"&openid={Uri.EscapeDataString(openId)}&lang={Uri.EscapeDataString(lang)}", ct);

    /// <summary>POST /cgi-bin/user/info/batchget: up to <see cref="MaxBatch"/> followers in one call.</summary>
    public async Task<IReadOnlyList<UserInfo>> BatchGetAsync(string accessToken, IReadOnlyCollection<string> openIds, string lang = "zh_CN", CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(openIds.Count, MaxBatch);
        var request = new { user_list = openIds.Select(id => new { openid = id, lang }) };
        var body = await PlatformRequests.PostAsync<BatchResult>(http, options.Value, "cgi-bin/user/info/batchget", accessToken, request, ct).ConfigureAwait(false);
        return body.Users ?? [];
    }

    /// <summary>GET /cgi-bin/user/get: one page of followers' OpenIDs, starting after <paramref name="nextOpenId"/>.</summary>
    public async Task<OpenIdPage> GetAsync(string accessToken, string? nextOpenId = null, CancellationToken ct = default)
    {
        var query = string.IsNullOrEmpty(nextOpenId) ? "" : $"&next_openid={Uri.EscapeDataString(nextOpenId)}";
        var body = await PlatformRequests.GetAsync<OpenIdPageResult>(http, options.Value, "cgi-bin/user/get", accessToken, query, ct).ConfigureAwait(false);
        return body.Page();
    }

    /// <summary>
    /// Every follower's OpenID, page by page, each page fetched with a current token from
    /// <paramref name="broker"/> for <paramref name="account"/> (a walk over a large account outlives a token).
    /// </summary>
    public IAsyncEnumerable<string> GetAllAsync(AccessTokenBroker broker, Accounts.WeChatAccount account, CancellationToken ct = default) =>
        WalkAsync((next, c) => broker.CallAsync(account, (token, cc) => GetAsync(token, next, cc), c), ct);

    /// <summary>
    /// Walks a paged OpenID list until an empty page. The platform's last page may still name a next
    /// OpenID, so the count decides, not the cursor; a cursor that stops moving ends the walk too.
    /// </summary>
    public static async IAsyncEnumerable<string> WalkAsync(Func<string?, CancellationToken, Task<OpenIdPage>> page, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? next = null;
        while (true)
        {
            var current = await page(next, ct).ConfigureAwait(false);
            foreach (var openId in current.OpenIds)
                yield return openId;
            if (current.OpenIds.Count == 0 || string.IsNullOrEmpty(current.NextOpenId) || current.NextOpenId == next)
                yield break;
            next = current.NextOpenId;
        }
    }

    /// <summary>POST /cgi-bin/user/info/updateremark: the name the account keeps for a follower.</summary>
    public Task UpdateRemarkAsync(string accessToken, string openId, string remark, CancellationToken ct = default) =>
        PlatformRequests.PostAsync<PlatformResult>(http, options.Value, "cgi-bin/user/info/updateremark", accessToken, new { openid = openId, remark }, ct);

    private sealed record BatchResult : PlatformResult
    {
        [JsonPropertyName("user_info_list")]
        public List<UserInfo>? Users { get; init; }
    }

    internal sealed record OpenIdPageResult : PlatformResult
    {
        [JsonPropertyName("total")] public int Total { get; init; }
        [JsonPropertyName("count")] public int Count { get; init; }
        [JsonPropertyName("data")] public OpenIdData? Data { get; init; }
        [JsonPropertyName("next_openid")] public string? NextOpenId { get; init; }

        public OpenIdPage Page() => new(Total, Data?.OpenIds ?? [], NextOpenId);
    }

    internal sealed record OpenIdData
    {
        [JsonPropertyName("openid")]
        public List<string>? OpenIds { get; init; }
    }
}
