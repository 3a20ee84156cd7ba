namespace Portal.Core.Site;

/// <summary>A standalone page at <c>/p/{slug}</c> (about us, services…). <see cref="BodyHtml"/> is stored sanitized.</summary>
public sealed record SitePage
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public ShareFields Share { get; init; } = new();
    public DateTimeOffset UpdatedAt { get; init; }
}
