
namespace Portal.Core.Menus;

/// <summary>
/// A menu as it was put on the platform: the default menu (no rule) or a conditional one. Rows are never
/// changed; a rollback publishes an old menu again as a new version.
/// </summary>
public sealed record MenuVersion
{
    public long Id { get; init; }
    public required Menu Menu { get; init; }
    public MatchRule? Rule { get; init; }

    /// <summary>The platform's id of a conditional menu, needed to delete it later.</summary>
    public long? PlatformMenuId { get; init; }

    public required string Source { get; init; }
    public string? Note { get; init; }

    /// <summary>The operator who published or pulled it.</summary>
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsDefault => Rule is null;
}

/// <summary>How a version came to be.</summary>
public static class MenuVersionSources
{
    public const string Publish = "publish";
    public const string Rollback = "rollback";

    /// <summary>Read from the platform: someone changed the menu elsewhere (the WeChat console, another tool).</summary>
    public const string Pull = "pull";
}
