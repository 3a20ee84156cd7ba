namespace Portal.Core.Site;

/// <summary>
/// What an operator sets for a page's share card (the JS-SDK's title, description and image); each
/// empty field falls back to the page's own title, summary or image.
/// </summary>
public sealed record ShareFields(string Title = "", string Description = "", string? Image = null)
{
    public (string Title, string Description, string? Image) Or(string title, string description, string? image) =>
        (Title.Length > 0 ? Title : title, Description.Length > 0 ? Description : description, string.IsNullOrEmpty(Image) ? image : Image);
}
