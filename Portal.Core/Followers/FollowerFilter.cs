namespace Portal.Core.Followers;

/// <summary>
/// What the followers list shows. Filters combine; each has an index that keeps it fast on its own
/// (see migration 0012), the others then narrow it down.
/// </summary>
/// <param name="TagId">Only followers carrying this tag.</param>
/// <param name="Subscribed">Only current followers (true) or only those who left (false).</param>
/// <param name="Scene">Only followers who came through this parameter-QR scene.</param>
/// <param name="Search">An OpenID (exact) or the start of a remark (case-sensitive).</param>
public sealed record FollowerFilter(int? TagId = null, bool? Subscribed = null, string? Scene = null, string? Search = null)
{
    public bool IsEmpty => TagId is null && Subscribed is null && string.IsNullOrEmpty(Scene) && string.IsNullOrEmpty(Search);
}
