namespace Portal.Web.Site;

/// <summary>
/// What a page looks like when a follower shares it to a chat or Moments: title, description, image, and
/// the link the card opens (the page's own address when null). Pages set it in ViewData["Share"]; the
/// layout hands it to the JS-SDK.
/// </summary>
public sealed record ShareCard(string Title, string Description, string? ImageUrl, string? Link = null);
