namespace Portal.Core.Followers;

/// <summary>A tag as Portal keeps it: the platform's id and name, and how many followers carry it.</summary>
public sealed record StoredTag
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public int FollowerCount { get; init; }
}
