using Portal.Core.Menus;

namespace Portal.Tests.Menus;

/// <summary>The history's diff says what an operator changed, in their words.</summary>
public sealed class MenuDiffTests
{
    private static readonly Menu Before = new(
        MenuButton.Click("Today", "TODAY"),
        MenuButton.Parent("More", MenuButton.Click("Hours", "HOURS"), MenuButton.View("Shop", "https://shop.example/")));

    [Fact]
    public void Equal_menus_have_no_changes() => Assert.Empty(MenuDiff.Compare(Before, Before));

    [Fact]
    public void A_renamed_button_reads_as_renamed_not_removed_and_added()
    {
        var after = new Menu(MenuButton.Click("今日特价", "TODAY"), Before.Buttons[1]);

        Assert.Equal(["Renamed “Today” to “今日特价” (button 1)"], MenuDiff.Compare(Before, after));
    }

    [Fact]
    public void A_renamed_parent_is_known_by_the_sub_buttons_it_still_holds()
    {
        var after = new Menu(Before.Buttons[0], MenuButton.Parent("更多", MenuButton.Click("Hours", "HOURS"), MenuButton.View("Shop", "https://shop.example/")));

        Assert.Equal(["Renamed “More” to “更多” (button 2)"], MenuDiff.Compare(Before, after));
    }

    [Fact]
    public void A_changed_link_says_what_it_opens_now()
    {
        var after = new Menu(Before.Buttons[0], MenuButton.Parent("More", MenuButton.Click("Hours", "HOURS"), MenuButton.View("Shop", "https://shop.example/new")));

        Assert.Equal(["“Shop” now opens https://shop.example/new (was: opens https://shop.example/)"], MenuDiff.Compare(Before, after));
    }

    [Fact]
    public void Added_removed_and_moved_buttons_are_each_named()
    {
        var after = new Menu(
            MenuButton.Parent("More", MenuButton.View("Shop", "https://shop.example/"), MenuButton.Click("Hours", "HOURS"), MenuButton.Click("Slow", "SLOW")),
            MenuButton.View("Site", "https://site.example/"));

        var changes = MenuDiff.Compare(Before, after);

        Assert.Contains("Removed “Today” (button 1)", changes);
        Assert.Contains("Added “Site” (button 2), which opens https://site.example/", changes);
        Assert.Contains("Added “Slow” (button 1, sub-button 3), which sends click with key SLOW", changes);
        Assert.Contains("Moved “Shop” from button 2, sub-button 2 to button 1, sub-button 1", changes);
        Assert.Contains("Moved “More” from button 2 to button 1", changes);
    }
}
