using Portal.Sandbox.Followers;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Menus;

/// <summary>
/// The menus published for one account on the sandbox platform: a default menu and conditional menus, kept
/// in the data folder through <see cref="SandboxMemory"/> so a restart keeps them. Which menu a follower
/// sees follows the platform's matching: the newest conditional menu whose rule fits them, else the default
/// (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html).
/// </summary>
public sealed class SandboxMenus
{
    private readonly Lock _gate = new();
    private readonly SandboxMemory? _memory;
    private Saved _state;

    /// <param name="memory">Where the menus are kept between runs; without it they live in memory only.</param>
    public SandboxMenus(SandboxMemory? memory = null)
    {
        _memory = memory;
        _state = memory?.Keep("menus", Snapshot) ?? Saved.Empty;
    }

    /// <summary>Everything published, as <c>menu/get</c> tells it; the default is null when none is.</summary>
    public PublishedMenus Published()
    {
        lock (_gate)
            return new(_state.Default, _state.Default is null ? null : _state.DefaultMenuId, [.. _state.Conditional]);
    }

    /// <summary>menu/create: the default menu is replaced; conditional menus stay.</summary>
    public void Publish(PlatformMenu menu)
    {
        lock (_gate)
            Save(_state with { Default = menu, DefaultMenuId = _state.NextMenuId, NextMenuId = _state.NextMenuId + 1 });
    }

    /// <summary>menu/addconditional: the new menu's id, or null when there is no default menu (65303).</summary>
    public long? AddConditional(PlatformMenu menu, PlatformMatchRule rule)
    {
        lock (_gate)
        {
            if (_state.Default is null)
                return null;
            var id = _state.NextMenuId;
            Save(_state with { Conditional = [.. _state.Conditional, new PlatformConditionalMenu(id, menu, rule)], NextMenuId = id + 1 });
            return id;
        }
    }

    /// <summary>menu/delconditional: false when no conditional menu has this id (65301).</summary>
    public bool DeleteConditional(long menuId)
    {
        lock (_gate)
        {
            if (!_state.Conditional.Any(c => c.MenuId == menuId))
                return false;
            Save(_state with { Conditional = [.. _state.Conditional.Where(c => c.MenuId != menuId)] });
            return true;
        }
    }

    /// <summary>menu/delete: every menu goes, conditional ones included.</summary>
    public void DeleteAll()
    {
        lock (_gate)
            Save(_state with { Default = null, Conditional = [] });
    }

    /// <summary>The menu <paramref name="follower"/> sees in the chat, or null when none is published.</summary>
    public PlatformMenu? MenuFor(SandboxFollower follower)
    {
        lock (_gate)
        {
            if (_state.Default is null)
                return null;
            for (var i = _state.Conditional.Count - 1; i >= 0; i--)
            {
                if (Matches(_state.Conditional[i].Rule, follower))
                    return _state.Conditional[i].Menu;
            }
            return _state.Default;
        }
    }

    /// <summary>
    /// Whether a rule fits a follower: every condition set must hold. A follower with several tags is
    /// matched on the tag put on last, as the platform does. The sandbox phone is neither iOS nor Android,
    /// so it counts as platform 3 (others).
    /// </summary>
    public static bool Matches(PlatformMatchRule rule, SandboxFollower follower)
    {
        if (!string.IsNullOrEmpty(rule.TagId))
        {
            var tags = SandboxTags.TagsOf(follower);
            if (tags.Count == 0 || tags[^1].ToString(System.Globalization.CultureInfo.InvariantCulture) != rule.TagId)
                return false;
        }
        return Same(rule.Sex, follower.Sex.ToString(System.Globalization.CultureInfo.InvariantCulture))
            && Same(rule.ClientPlatformType, "3")
            && Same(rule.Country, follower.Country)
            && Same(rule.Province, follower.Province)
            && Same(rule.City, follower.City)
            && Same(rule.Language, follower.Language);
    }

    private static bool Same(string? wanted, string actual) =>
        string.IsNullOrEmpty(wanted) || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);

    private void Save(Saved state)
    {
        _state = state;
        _memory?.Changed();
    }

    private Saved Snapshot()
    {
        lock (_gate)
            return _state;
    }

    /// <summary>What the data folder keeps. Menu ids look like the platform's nine-digit ones.</summary>
    private sealed record Saved(PlatformMenu? Default, long DefaultMenuId, IReadOnlyList<PlatformConditionalMenu> Conditional, long NextMenuId)
    {
        public static readonly Saved Empty = new(null, 0, [], 400_000_001);
    }
}
