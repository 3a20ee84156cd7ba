using System.Text.Json.Serialization;

namespace Portal.Core.Menus;

/// <summary>A custom menu: one to three top-level buttons.</summary>
public sealed record Menu
{
    [JsonPropertyName("button")]
    public IReadOnlyList<MenuButton> Buttons { get; init; } = [];

    public Menu()
    {
    }

    public Menu(params MenuButton[] buttons) => Buttons = buttons;
}

/// <summary>A menu shown only to the followers its rule matches; the platform gives it an id.</summary>
public sealed record ConditionalMenu(long MenuId, Menu Menu, MatchRule Rule);

/// <summary>What <c>menu/get</c> tells: the default menu and the conditional menus, oldest first.</summary>
public sealed record PublishedMenus(Menu? Default, long? DefaultMenuId, IReadOnlyList<ConditionalMenu> Conditional);
