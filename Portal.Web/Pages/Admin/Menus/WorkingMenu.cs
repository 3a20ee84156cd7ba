using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Core.Menus;

namespace Portal.Web.Pages.Admin.Menus;

/// <summary>
/// The menu the editor posts: the platform's JSON for the buttons and, for a conditional slot, the rule.
/// The default slot never carries a rule, so a stray rule cannot turn the default menu into a conditional one.
/// </summary>
public sealed partial record WorkingMenu(string Slot, Menu Menu, MatchRule? Rule)
{
    public bool IsDefault => Slot == MenuDraftStore.DefaultSlot;

    public IReadOnlyList<MenuProblem> Check() => Rule is null ? MenuRules.Check(Menu) : MenuRules.Check(Menu, Rule);

    /// <summary>Null when the slot name or the JSON cannot be read (a hand-made request, not the editor).</summary>
    public static WorkingMenu? Read(string? slot, string? menuJson, string? ruleJson)
    {
        slot = string.IsNullOrEmpty(slot) ? MenuDraftStore.DefaultSlot : slot;
        if (!IsSlotName(slot))
            return null;
        try
        {
            var menu = MenuJson.ReadMenu(string.IsNullOrEmpty(menuJson) ? "{}" : menuJson);
            var rule = slot == MenuDraftStore.DefaultSlot ? null : MenuJson.ReadRule(string.IsNullOrEmpty(ruleJson) ? "{}" : ruleJson);
            return new WorkingMenu(slot, menu, rule);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Slot names appear in links and the audit trail: short, plain letters, digits, - and _.</summary>
    public static bool IsSlotName(string? slot) => slot is not null && SlotPattern().IsMatch(slot);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlotPattern();
}
