using Microsoft.AspNetCore.Mvc.ModelBinding;
using Portal.Core.Links;
using Portal.Core.Site;

namespace Portal.Web.Pages.Admin.Site;

/// <summary>The share-card fields every page and article form carries.</summary>
public sealed class ShareForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Image { get; set; }

    public ShareFields ToFields() => new(Title?.Trim() ?? "", Description?.Trim() ?? "", string.IsNullOrWhiteSpace(Image) ? null : Image.Trim());

    /// <summary>Adds the allow-list's message when the image is not a web address or a path on this site.</summary>
    public void Check(ModelStateDictionary modelState, string prefix = "Share")
    {
        if (LinkAllowList.ProblemWith(Image) is { } problem)
            modelState.AddModelError(prefix + ".Image", problem);
    }

    public static ShareForm From(ShareFields fields) => new() { Title = fields.Title, Description = fields.Description, Image = fields.Image };
}
