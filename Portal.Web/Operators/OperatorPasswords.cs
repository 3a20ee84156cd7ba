using Microsoft.AspNetCore.Identity;
using Portal.Core.Operators;

namespace Portal.Web.Operators;

/// <summary>Hashes and checks operator passwords with the framework's PBKDF2 hasher (its current default format and iteration count).</summary>
public sealed class OperatorPasswords
{
    private readonly PasswordHasher<Operator> _hasher = new();

    // Checked when the name is unknown, so an unknown name takes as long to refuse as a wrong password.
    private readonly string _decoy;

    public OperatorPasswords() => _decoy = _hasher.HashPassword(null!, "not a real password, only spends the time a check takes");

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordVerificationResult Verify(string hash, string password) => _hasher.VerifyHashedPassword(null!, hash, password);

    public void SpendTimeOfACheck(string password) => _ = _hasher.VerifyHashedPassword(null!, _decoy, password);
}
