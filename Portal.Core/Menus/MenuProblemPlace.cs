using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Core.Menus;

/// <summary>
/// Where a <see cref="MenuProblem"/> sits, as indexes the editor can mark: read back from the problem's
/// path ("button 2, sub-button 3"), which <see cref="MenuRules"/> writes, so the rules stay the one place
/// that knows about problems. Zero-based; null where the path says nothing (the whole menu, the rule).
/// </summary>
public static partial class MenuProblemPlace
{
    public static (int? Button, int? SubButton) Of(MenuProblem problem)
    {
        var match = PathPattern().Match(problem.Path);
        if (!match.Success)
            return (null, null);
        var button = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
        int? sub = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) - 1 : null;
        return (button, sub);
    }

    [GeneratedRegex(@"^button (\d+)(?:, sub-button (\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}
