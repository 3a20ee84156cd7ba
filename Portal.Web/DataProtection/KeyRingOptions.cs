namespace Portal.Web.DataProtection;

/// <summary>
/// Bound from the <c>DataProtection</c> section. With a certificate, every key the ring gains is encrypted
/// to it before it is stored, so the database alone no longer gives away the keys that sign cookies.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA certificate and its private key; relative to the content root.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password. Secret: an environment variable or user-secrets, never a committed file.</summary>
    public string? CertificatePassword { get; set; }
}
