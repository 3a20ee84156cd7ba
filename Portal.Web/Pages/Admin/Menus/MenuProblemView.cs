using Portal.Core.Menus;

namespace Portal.Web.Pages.Admin.Menus;

/// <summary>A problem as the editor receives it: the rule's words and path, and the button to mark.</summary>
public sealed record MenuProblemView(int Code, string Message, string Path, int? Button, int? SubButton)
{
    public static IReadOnlyList<MenuProblemView> From(IEnumerable<MenuProblem> problems) =>
        problems.Select(p =>
        {
            var (button, sub) = MenuProblemPlace.Of(p);
            return new MenuProblemView(p.Code, p.Message, p.Path, button, sub);
        }).ToList();
}
