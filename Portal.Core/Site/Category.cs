namespace Portal.Core.Site;

/// <summary>A category of articles; the list page offers them as tabs in <see cref="SortOrder"/>.</summary>
public sealed record Category
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public int SortOrder { get; init; }
}
