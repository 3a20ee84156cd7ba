using System.Text.Json.Serialization;
using Portal.Core.Followers;
using Portal.Core.Platform;
using static Portal.Web.Sandbox.SandboxReplies;

namespace Portal.Web.Sandbox;

/// <summary>The sandbox's tag API over <see cref="SandboxTags"/>.</summary>
public static class SandboxTagEndpoints
{
    public static IEndpointRouteBuilder MapSandboxTags(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPlatformEndpoints.Prefix + "cgi-bin").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/tags/create", CreateAsync).WithDailyQuota("tags/create");
        api.MapGet("/tags/get", Get).WithDailyQuota("tags/get");
        api.MapPost("/tags/update", UpdateAsync).WithDailyQuota("tags/update");
        api.MapPost("/tags/delete", DeleteAsync).WithDailyQuota("tags/delete");
        api.MapPost("/tags/members/batchtagging", (string? access_token, HttpRequest request, SandboxTokens tokens, SandboxTags tags) =>
            BatchAsync(access_token, request, tokens, tags.Tag)).WithDailyQuota("tags/members/batchtagging");
        api.MapPost("/tags/members/batchuntagging", (string? access_token, HttpRequest request, SandboxTokens tokens, SandboxTags tags) =>
            BatchAsync(access_token, request, tokens, tags.Untag)).WithDailyQuota("tags/members/batchuntagging");
        api.MapPost("/tags/getidlist", IdListAsync).WithDailyQuota("tags/getidlist");
        api.MapPost("/user/tag/get", FollowersAsync).WithDailyQuota("user/tag/get");
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxTags tags)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagRequest>(request);
        if (unreadable is not null)
            return unreadable;
        var (code, tag) = tags.Create(body!.Tag?.Name);
        return code == 0 ? Json(new { tag = new { id = tag!.Id, name = tag.Name } }) : Error(code, Message(code));
    }

    private static IResult Get(string? access_token, SandboxTokens tokens, SandboxTags tags)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        return Json(new { tags = tags.All() });
    }

    private static async Task<IResult> UpdateAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxTags tags)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagRequest>(request);
        if (unreadable is not null)
            return unreadable;
        return Answer(body!.Tag?.Id is { } id ? tags.Rename(id, body.Tag.Name) : TagErrorCodes.UnknownTag);
    }

    private static async Task<IResult> DeleteAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxTags tags)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagRequest>(request);
        if (unreadable is not null)
            return unreadable;
        return Answer(body!.Tag?.Id is { } id ? tags.Delete(id) : TagErrorCodes.UnknownTag);
    }

    private static async Task<IResult> BatchAsync(string? access_token, HttpRequest request, SandboxTokens tokens, Func<int, IReadOnlyList<string>?, int> change)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<BatchRequest>(request);
        if (unreadable is not null)
            return unreadable;
        return Answer(change(body!.TagId ?? -1, body.OpenIds));
    }

    private static async Task<IResult> IdListAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxFollowers followers)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<OpenIdRequest>(request);
        if (unreadable is not null)
            return unreadable;
        return followers.Find(body!.OpenId) is { } follower
            ? Json(new { tagid_list = SandboxTags.TagsOf(follower) })
            : Error(40003, "invalid openid");
    }

    private static async Task<IResult> FollowersAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxTags tags)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagFollowersRequest>(request);
        if (unreadable is not null)
            return unreadable;
        var (code, page) = tags.FollowersOf(body!.TagId ?? -1, body.NextOpenId, UserClient.PageSize);
        if (code != 0)
            return Error(code, Message(code));
        return page.Count == 0
            ? Json(new { count = 0, next_openid = "" })
            : Json(new { count = page.Count, data = new { openid = page }, next_openid = page[^1] });
    }

    private static IResult Answer(int code) => code == 0 ? Ok() : Error(code, Message(code));

    private static string Message(int code) => code switch
    {
        TagErrorCodes.BatchSize => "invalid openid list size",
        TagErrorCodes.TooManyTags => "too many tags",
        TagErrorCodes.ReservedTag => "can't modify sys tag",
        TagErrorCodes.TooManyTagsOnFollower => "user tag count exceeds limit",
        TagErrorCodes.NameTaken => "tag name is duplicated",
        TagErrorCodes.NameTooLong => "tag name too long",
        TagErrorCodes.UnknownTag => "invalid tag id",
        40003 => "invalid openid",
        _ => "invalid args",
    };

    private sealed record TagRequest([property: JsonPropertyName("tag")] TagBody? Tag);

    private sealed record TagBody([property: JsonPropertyName("id")] int? Id, [property: JsonPropertyName("name")] string? Name);

    private sealed record BatchRequest(
        [property: JsonPropertyName("openid_list")] List<string>? OpenIds,
        [property: JsonPropertyName("tagid")] int? TagId);

    private sealed record OpenIdRequest([property: JsonPropertyName("openid")] string? OpenId);

    private sealed record TagFollowersRequest(
        [property: JsonPropertyName("tagid")] int? TagId,
        [property: JsonPropertyName("next_openid")] string? NextOpenId);
}
