using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Core.Platform;

namespace Portal.Core.Followers;

/// <summary>
/// Follower tags: naming them, putting them on followers and listing who carries one
/// (https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html).
/// </summary>
public sealed class TagClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    /// <summary>POST /cgi-bin/tags/create: the new tag with the id the platform gave it.</summary>
    public async Task<Tag> CreateAsync(string accessToken, string name, CancellationToken ct = default)
    {
        var body = await PlatformRequests.PostAsync<TagResult>(http, options.Value, "cgi-bin/tags/create", accessToken, new { tag = new { name } }, ct).ConfigureAwait(false);
        return body.Tag ?? throw new System.Text.Json.JsonException("tags/create answered without a tag.");
    }

    /// <summary>GET /cgi-bin/tags/get: every tag, with how many followers carry it.</summary>
    public async Task<IReadOnlyList<Tag>> GetAsync(string accessToken, CancellationToken ct = default)
    {
        var body = await PlatformRequests.GetAsync<TagsResult>(http, options.Value, "cgi-bin/tags/get", accessToken, "", ct).ConfigureAwait(false);
        return body.Tags ?? [];
    }

    /// <summary>POST /cgi-bin/tags/update: renames a tag.</summary>
    public Task UpdateAsync(string accessToken, int id, string name, CancellationToken ct = default) =>
        PlatformRequests.PostAsync<PlatformResult>(http, options.Value, "cgi-bin/tags/update", accessToken, new { tag = new { id, name } }, ct);

    /// <summary>POST /cgi-bin/tags/delete: the tag goes, and with it from every follower.</summary>
    public Task DeleteAsync(string accessToken, int id, CancellationToken ct = default) =>
        PlatformRequests.PostAsync<PlatformResult>(http, options.Value, "cgi-bin/tags/delete", accessToken, new { tag = new { id } }, ct);

    /// <summary>POST /cgi-bin/tags/members/batchtagging: up to <see cref="TagRules.MaxBatch"/> followers at once.</summary>
    public Task TagAsync(string accessToken, int tagId, IReadOnlyCollection<string> openIds, CancellationToken ct = default) =>
        PlatformRequests.PostAsync<PlatformResult>(http, options.Value, "cgi-bin/tags/members/batchtagging", accessToken, new { openid_list = openIds, tagid = tagId }, ct);

    /// <summary>POST /cgi-bin/tags/members/batchuntagging.</summary>
    public Task UntagAsync(string accessToken, int tagId, IReadOnlyCollection<string> openIds, CancellationToken ct = default) =>
        PlatformRequests.PostAsync<PlatformResult>(http, options.Value, "cgi-bin/tags/members/batchuntagging", accessToken, new { openid_list = openIds, tagid = tagId }, ct);

    /// <summary>POST /cgi-bin/tags/getidlist: the tags one follower carries.</summary>
    public async Task<IReadOnlyList<int>> GetIdListAsync(string accessToken, string openId, CancellationToken ct = default)
    {
        var body = await PlatformRequests.PostAsync<IdListResult>(http, options.Value, "cgi-bin/tags/getidlist", accessToken, new { openid = openId }, ct).ConfigureAwait(false);
        return body.TagIds ?? [];
    }

    /// <summary>POST /cgi-bin/user/tag/get: one page of the followers carrying a tag; walk with <see cref="UserClient.WalkAsync"/>.</summary>
    public async Task<OpenIdPage> FollowersAsync(string accessToken, int tagId, string? nextOpenId = null, CancellationToken ct = default)
    {
        var body = await PlatformRequests.PostAsync<UserClient.OpenIdPageResult>(http, options.Value, "cgi-bin/user/tag/get", accessToken, new { tagid = tagId, next_openid = nextOpenId ?? "" }, ct).ConfigureAwait(false);
        return body.Page();
    }

    private sealed record TagResult : PlatformResult
    {
        [JsonPropertyName("tag")]
        public Tag? Tag { get; init; }
    }

    private sealed record TagsResult : PlatformResult
    {
        [JsonPropertyName("tags")]
        public List<Tag>? Tags { get; init; }
    }

    private sealed record IdListResult : PlatformResult
    {
        [JsonPropertyName("tagid_list")]
        public List<int>? TagIds { get; init; }
    }
}
