namespace Portal.Core.Site;

/// <summary>
/// An article of the micro-site. <see cref="BodyHtml"/> is stored sanitized (<see cref="HtmlAllowList"/>);
/// empty share fields fall back to the title, summary and cover.
/// </summary>
public sealed record Article
{
    public long Id { get; init; }
    public long? CategoryId { get; init; }
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string? CoverImage { get; init; }
    /// <summary>Shown on the home page.</summary>
    public bool Featured { get; init; }
    public bool Published { get; init; }
    /// <summary>When it was first published; kept when it is unpublished and published again.</summary>
    public DateTimeOffset? PublishedAt { get; init; }
    public long ReadCount { get; init; }
    public ShareFields Share { get; init; } = new();
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
