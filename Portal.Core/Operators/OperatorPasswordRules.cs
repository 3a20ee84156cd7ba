namespace Portal.Core.Operators;

/// <summary>
/// What a password must be. Length is what protects against guessing; composition rules mostly produce
/// "Password1!", so there are none.
/// </summary>
public static class OperatorPasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    /// <summary>Null when <paramref name="password"/> is acceptable, else what is wrong, in plain words.</summary>
    public static string? Problem(string? password, string? name = null)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return $"Use at least {MinLength} characters for the password.";
        if (password.Length > MaxLength)
            return $"A password can be at most {MaxLength} characters.";
        if (name is not null && string.Equals(password.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            return "The password cannot be the name.";
        return null;
    }
}
