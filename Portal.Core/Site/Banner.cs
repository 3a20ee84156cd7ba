namespace Portal.Core.Site;

/// <summary>One slide of the home page's banner; inactive banners stay in the admin but are not shown.</summary>
public sealed record Banner
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public string ImageUrl { get; init; } = "";
    public string Link { get; init; } = "";
    public int SortOrder { get; init; }
    public bool Active { get; init; } = true;
}
