using System.Text.Json.Serialization;
using Portal.Core.Platform;

namespace Portal.Core.Followers;

/// <summary>
/// What <c>user/info</c> tells about a follower
/// (https://developers.weixin.qq.com/doc/offiaccount/User_Management/Get_users_basic_information_UnionID.html).
/// Since late 2021 the platform no longer discloses nickname, avatar, sex or region here. It is read
/// straight off the answer, hence the errcode fields it inherits.
/// </summary>
public sealed record UserInfo : PlatformResult
{
    /// <summary>0 when the person does not follow the account; then nothing else is told.</summary>
    [JsonPropertyName("subscribe")]
    public int Subscribe { get; init; }

    [JsonPropertyName("openid")]
    public string OpenId { get; init; } = "";

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    /// <summary>Unix seconds of the latest follow.</summary>
    [JsonPropertyName("subscribe_time")]
    public long SubscribeTime { get; init; }

    /// <summary>Present only when the account is bound to an Open Platform account.</summary>
    [JsonPropertyName("unionid")]
    public string? UnionId { get; init; }

    [JsonPropertyName("remark")]
    public string? Remark { get; init; }

    [JsonPropertyName("groupid")]
    public int GroupId { get; init; }

    [JsonPropertyName("tagid_list")]
    public IReadOnlyList<int> TagIds { get; init; } = [];

    /// <summary>How they came to follow, e.g. ADD_SCENE_QR_CODE, ADD_SCENE_SEARCH.</summary>
    [JsonPropertyName("subscribe_scene")]
    public string? SubscribeScene { get; init; }

    /// <summary>The numeric scene of the QR code they followed through, else 0.</summary>
    [JsonPropertyName("qr_scene")]
    public long QrScene { get; init; }

    [JsonPropertyName("qr_scene_str")]
    public string? QrSceneStr { get; init; }

    [JsonIgnore]
    public bool IsSubscribed => Subscribe == 1;

    [JsonIgnore]
    public DateTimeOffset? SubscribedAt => SubscribeTime > 0 ? DateTimeOffset.FromUnixTimeSeconds(SubscribeTime) : null;
}

/// <summary>One page of <c>user/get</c> or <c>user/tag/get</c>.</summary>
/// <param name="Total">All followers of the account (absent from <c>user/tag/get</c>).</param>
/// <param name="NextOpenId">Where the next page starts; the last page may still carry one, so stop on an empty page.</param>
public sealed record OpenIdPage(int Total, IReadOnlyList<string> OpenIds, string? NextOpenId);
