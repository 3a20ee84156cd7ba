using System.Text.Json.Serialization;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Followers.PlatformTagRules;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Followers;

/// <summary>The sandbox's tag API over the calling account's <see cref="SandboxTags"/>.</summary>
public static class SandboxTagEndpoints
{
    public static IEndpointRouteBuilder MapSandboxTags(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPaths.Prefix + "cgi-bin").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/tags/create", CreateAsync).WithDailyQuota("tags/create");
        api.MapGet("/tags/get", Get).WithDailyQuota("tags/get");
        api.MapPost("/tags/update", UpdateAsync).WithDailyQuota("tags/update");
        api.MapPost("/tags/delete", DeleteAsync).WithDailyQuota("tags/delete");
        api.MapPost("/tags/members/batchtagging", (string? access_token, HttpRequest request, SandboxWorld world) =>
            BatchAsync(access_token, request, world, tagging: true)).WithDailyQuota("tags/members/batchtagging");
        api.MapPost("/tags/members/batchuntagging", (string? access_token, HttpRequest request, SandboxWorld world) =>
            BatchAsync(access_token, request, world, tagging: false)).WithDailyQuota("tags/members/batchuntagging");
        api.MapPost("/tags/getidlist", IdListAsync).WithDailyQuota("tags/getidlist");
        api.MapPost("/user/tag/get", FollowersAsync).WithDailyQuota("user/tag/get");
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagRequest>(request);
        if (unreadable is not null)
            return unreadable;
        var (code, tag) = account.Tags.Create(body!.Tag?.Name);
        return code == 0 ? Json(new { tag = new { id = tag!.Id, name = tag.Name } }) : Error(code, Message(code));
    }

    private static IResult Get(string? access_token, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        return Json(new { tags = account.Tags.All() });
    }

    private static async Task<IResult> UpdateAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagRequest>(request);
        if (unreadable is not null)
            return unreadable;
        return Answer(body!.Tag?.Id is { } id ? account.Tags.Rename(id, body.Tag.Name) : UnknownTag);
    }

    private static async Task<IResult> DeleteAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagRequest>(request);
        if (unreadable is not null)
            return unreadable;
        return Answer(body!.Tag?.Id is { } id ? account.Tags.Delete(id) : UnknownTag);
    }

    private static async Task<IResult> BatchAsync(string? access_token, HttpRequest request, SandboxWorld world, bool tagging)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<BatchRequest>(request);
        if (unreadable is not null)
            return unreadable;
        var id = body!.TagId ?? -1;
        return Answer(tagging ? account.Tags.Tag(id, body.OpenIds) : account.Tags.Untag(id, body.OpenIds));
    }

    private static async Task<IResult> IdListAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<OpenIdRequest>(request);
        if (unreadable is not null)
            return unreadable;
        return account.Followers.Find(body!.OpenId) is { } follower
            ? Json(new { tagid_list = SandboxTags.TagsOf(follower) })
            : Error(PlatformErrors.InvalidOpenId, "invalid openid");
    }

    private static async Task<IResult> FollowersAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TagFollowersRequest>(request);
        if (unreadable is not null)
            return unreadable;
        var (code, page) = account.Tags.FollowersOf(body!.TagId ?? -1, body.NextOpenId, PlatformUserRules.PageSize);
        if (code != 0)
            return Error(code, Message(code));
        return page.Count == 0
            ? Json(new { count = 0, next_openid = "" })
            : Json(new { count = page.Count, data = new { openid = page }, next_openid = page[^1] });
    }

    private static IResult Answer(int code) => code == 0 ? Ok() : Error(code, Message(code));

    private static string Message(int code) => code switch
    {
        BatchSize => "invalid openid list size",
        TooManyTags => "too many tags",
        ReservedTag => "can't modify sys tag",
        TooManyTagsOnFollower => "user tag count exceeds limit",
        NameTaken => "tag name is duplicated",
        NameTooLong => "tag name too long",
        UnknownTag => "invalid tag id",
        PlatformErrors.InvalidOpenId => "invalid openid",
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
