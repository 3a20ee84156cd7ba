
namespace Portal.Core.Menus;

/// <summary>
/// What changed between two menus, in the words an operator would use: buttons added, removed, renamed,
/// moved, and what a button does. Buttons are matched by what they do (type and key or URL) before their
/// names, so a renamed button reads as renamed, not as one removed and another added.
/// </summary>
public static class MenuDiff
{
    public static IReadOnlyList<string> Compare(Menu before, Menu after)
    {
        var changes = new List<string>();
        var old = Flatten(before);
        var now = Flatten(after);
        var matched = new Dictionary<Slot, Slot>();

        // Same action (or, for parents, same name) first; then what is left, by name; then parents that
        // still hold a sub-button they held before, so a renamed parent reads as renamed too.
        foreach (var pass in new Func<Slot, Slot, bool>[]
        {
            (a, b) => a.Identity == b.Identity,
            (a, b) => a.Button.Name == b.Button.Name,
            (a, b) => a.IsParent && a.ChildIdentities.Overlaps(b.ChildIdentities),
        })
        {
            foreach (var a in old.Where(a => !matched.ContainsKey(a)))
            {
                if (now.FirstOrDefault(b => !matched.ContainsValue(b) && a.IsParent == b.IsParent && pass(a, b)) is { } b)
                    matched[a] = b;
            }
        }

        foreach (var a in old.Where(a => !matched.ContainsKey(a)))
            changes.Add($"Removed “{a.Button.Name}” ({a.Path})");
        foreach (var (a, b) in matched)
        {
            if (a.Button.Name != b.Button.Name)
                changes.Add($"Renamed “{a.Button.Name}” to “{b.Button.Name}” ({b.Path})");
            if (a.Path != b.Path)
                changes.Add($"Moved “{b.Button.Name}” from {a.Path} to {b.Path}{(a.ParentName != b.ParentName && b.ParentName is not null ? $" under “{b.ParentName}”" : "")}");
            if (!a.IsParent && Describe(a.Button) != Describe(b.Button))
                changes.Add($"“{b.Button.Name}” now {Describe(b.Button)} (was: {Describe(a.Button)})");
        }
        foreach (var b in now.Where(b => !matched.ContainsValue(b)))
            changes.Add($"Added “{b.Button.Name}” ({b.Path}){(b.IsParent ? "" : ", which " + Describe(b.Button))}");
        return changes;
    }

    /// <summary>What a leaf button does, in a phrase.</summary>
    public static string Describe(MenuButton button) => button.Type switch
    {
        MenuButtonTypes.View => $"opens {button.Url}",
        MenuButtonTypes.MiniProgram => $"opens mini-program {button.AppId} at {button.PagePath}",
        MenuButtonTypes.MediaId => $"sends media {button.MediaId}",
        MenuButtonTypes.ArticleId or MenuButtonTypes.ArticleViewLimited => $"shows article {button.ArticleId}",
        null => "has no action",
        _ => $"sends {button.Type} with key {button.Key}",
    };

    private static List<Slot> Flatten(Menu menu)
    {
        var slots = new List<Slot>();
        for (var i = 0; i < menu.Buttons.Count; i++)
        {
            var top = menu.Buttons[i];
            slots.Add(new Slot(top, $"button {i + 1}", null));
            for (var j = 0; j < top.SubButtons.Count; j++)
                slots.Add(new Slot(top.SubButtons[j], $"button {i + 1}, sub-button {j + 1}", top.Name));
        }
        return slots;
    }

    private sealed record Slot(MenuButton Button, string Path, string? ParentName)
    {
        public bool IsParent => Button.IsParent;

        // Reference equality for the dictionary: two identical buttons are still two slots.
        public bool Equals(Slot? other) => ReferenceEquals(this, other);
        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

        public HashSet<string> ChildIdentities => [.. Button.SubButtons.Select(c => new Slot(c, "", null).Identity)];

        public string Identity => IsParent ? "parent:" + Button.Name : $"{Button.Type}|{Button.Key}|{Button.Url}|{Button.MediaId}|{Button.ArticleId}|{Button.AppId}|{Button.PagePath}";
    }
}
