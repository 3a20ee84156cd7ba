namespace Portal.Core.Site;

/// <summary>One cell of the home page's navigation grid: an icon, a label and where it leads.</summary>
public sealed record NavItem
{
    public long Id { get; init; }
    public string Label { get; init; } = "";
    public string ImageUrl { get; init; } = "";
    public string Link { get; init; } = "";
    public int SortOrder { get; init; }
}
