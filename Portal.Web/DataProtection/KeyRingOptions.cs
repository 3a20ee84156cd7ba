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

    /// <summary>
    /// The certificate used before <see cref="CertificatePath"/> replaced it: keys encrypted to it are still
    /// read (new keys go to the new one). Keep it until those keys have expired (90 days).
    /// </summary>
    public string? PreviousCertificatePath { get; set; }

    /// <summary>The previous .pfx file's password. Secret.</summary>
    public string? PreviousCertificatePassword { get; set; }
}
