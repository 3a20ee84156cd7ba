namespace Portal.Core.Operators;

/// <summary>Operator names: compared without regard to case or surrounding spaces, and kept short and plain.</summary>
public static class OperatorNames
{
    public const int MaxLength = 64;

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Null when <paramref name="name"/> is usable, else what is wrong, in plain words.</summary>
    public static string? Problem(string? name)
    {
        var n = name?.Trim() ?? "";
        if (n.Length == 0)
            return "Enter a name.";
        if (n.Length > MaxLength)
            return $"A name can be at most {MaxLength} characters.";
        if (n.Any(char.IsWhiteSpace) || n.Any(char.IsControl))
            return "A name cannot contain spaces.";
        return null;
    }
}
