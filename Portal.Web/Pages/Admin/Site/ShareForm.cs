using Portal.Core.Site;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>The share-card fields every page and article form carries.</summary>
public sealed class ShareForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Image { get; set; }

    public ShareFields ToFields() => new(Title?.Trim() ?? "", Description?.Trim() ?? "", string.IsNullOrWhiteSpace(Image) ? null : Image.Trim());

    public static ShareForm From(ShareFields fields) => new() { Title = fields.Title, Description = fields.Description, Image = fields.Image };
}
