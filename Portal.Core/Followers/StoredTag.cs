namespace Portal.Core.Followers;

/// <summary>A tag as Portal keeps it: the platform's id and name, and how many followers carry it.</summary>
public sealed record StoredTag(int Id, string Name, int FollowerCount);
