namespace Portal.Core.AutoReplies;

/// <summary>One article card as typed on the rule form; an entirely empty one is ignored.</summary>
public sealed class ArticleDraft
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? PicUrl { get; set; }
    public string? Url { get; set; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(PicUrl) && string.IsNullOrWhiteSpace(Url);
}
