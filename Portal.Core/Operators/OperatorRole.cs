namespace Portal.Core.Operators;

/// <summary>What an operator may do in /admin. Each role can do everything the ones below it can.</summary>
public enum OperatorRole
{
    /// <summary>Reads everything, changes nothing but their own password.</summary>
    Viewer,

    /// <summary>Edits content, menus and replies.</summary>
    Editor,

    /// <summary>Everything, including managing operators.</summary>
    Owner,
}

public static class OperatorRoles
{
    public static string Name(OperatorRole role) => role switch
    {
        OperatorRole.Owner => "owner",
        OperatorRole.Editor => "editor",
        _ => "viewer",
    };

    public static bool TryParse(string? name, out OperatorRole role)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "owner": role = OperatorRole.Owner; return true;
            case "editor": role = OperatorRole.Editor; return true;
            case "viewer": role = OperatorRole.Viewer; return true;
            default: role = OperatorRole.Viewer; return false;
        }
    }

    public static OperatorRole Parse(string name) =>
        TryParse(name, out var role) ? role : throw new FormatException($"Unknown operator role '{name}'.");

    /// <summary>A sentence for the operators page.</summary>
    public static string Describe(OperatorRole role) => role switch
    {
        OperatorRole.Owner => "Everything, including adding and disabling operators.",
        OperatorRole.Editor => "Edits replies, menus and content; cannot manage operators.",
        _ => "Reads everything; changes nothing but their own password.",
    };
}
