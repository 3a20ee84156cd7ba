using System.Text.Json.Serialization;

namespace Portal.Sandbox.Followers;

/// <summary>
/// The platform's limits and answers for follower tags
/// (https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html).
/// </summary>
public static class PlatformTagRules
{
    /// <summary>Tags an account can create.</summary>
    public const int MaxTags = 100;

    /// <summary>A tag name's length in bytes of UTF-8.</summary>
    public const int MaxNameBytes = 30;

    /// <summary>OpenIDs in one batch tagging or untagging.</summary>
    public const int MaxBatch = 50;

    /// <summary>Tags one follower can carry.</summary>
    public const int MaxTagsPerFollower = 20;

    /// <summary>Ids 0, 1 and 2 belong to the platform and cannot be changed or deleted.</summary>
    public static bool IsReserved(int id) => id is >= 0 and <= 2;

    /// <summary>"invalid openid list size": more than 50 OpenIDs in one batch, or none.</summary>
    public const int BatchSize = 40032;

    /// <summary>More than 100 tags.</summary>
    public const int TooManyTags = 45056;

    /// <summary>Tag 0, 1 or 2: the platform's own.</summary>
    public const int ReservedTag = 45058;

    /// <summary>Some follower would carry more than 20 tags.</summary>
    public const int TooManyTagsOnFollower = 45059;

    /// <summary>The name is taken by another tag.</summary>
    public const int NameTaken = 45157;

    /// <summary>The name is empty or longer than 30 bytes.</summary>
    public const int NameTooLong = 45158;

    /// <summary>No tag has this id.</summary>
    public const int UnknownTag = 45159;
}

/// <summary>A tag as <c>tags/get</c> tells it: with how many followers carry it.</summary>
public sealed record Tag(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("count")] int Count = 0);
