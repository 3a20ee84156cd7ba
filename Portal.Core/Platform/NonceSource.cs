using System.Security.Cryptography;

namespace Portal.Core.Platform;

/// <summary>Random strings for nonces and one-time values; injected so tests can fix them.</summary>
public interface INonceSource
{
    /// <summary><paramref name="length"/> random letters and digits.</summary>
    string Next(int length);
}

/// <summary>Nonces from the operating system's cryptographic generator.</summary>
public sealed class CryptoNonceSource : INonceSource
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public string Next(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
