using Portal.Core.Menus;

namespace Portal.Tests.Menus;

/// <summary>The editor marks the button a problem's path names; paths it cannot place mark nothing.</summary>
public sealed class MenuProblemPlaceTests
{
    [Theory]
    [InlineData("button 1", 0, null)]
    [InlineData("button 3, sub-button 5", 2, 4)]
    [InlineData("", null, null)]
    [InlineData("match rule", null, null)]
    public void A_path_becomes_the_indexes_of_its_button(string path, int? button, int? subButton) =>
        Assert.Equal((button, subButton), MenuProblemPlace.Of(new MenuProblem(0, "", path)));

    [Fact]
    public void Every_path_the_rules_write_can_be_placed()
    {
        var menu = new Menu(MenuButton.Click("", ""), MenuButton.Parent("P", new MenuButton { Name = "" }));

        Assert.All(MenuRules.Check(menu), p => Assert.NotNull(MenuProblemPlace.Of(p).Button));
    }
}
