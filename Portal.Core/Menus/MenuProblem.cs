namespace Portal.Core.Menus;

/// <summary>
/// One way a menu breaks the platform's rules: the errcode the platform would answer, the rule in plain
/// words, and where ("button 2, sub-button 3"; empty for the menu as a whole).
/// </summary>
public sealed record MenuProblem(int Code, string Message, string Path)
{
    public override string ToString() => Path.Length == 0 ? $"{Message} ({Code})" : $"{Path}: {Message} ({Code})";
}
