using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Portal.Web.DataProtection;

/// <summary>
/// Loads the certificates named in the <c>DataProtection</c> section while the host is built, so that a
/// missing or unreadable one stops Portal at start with one line naming the setting, rather than the first
/// sign-in failing. A password never appears in a message.
/// </summary>
public static class KeyRingCertificate
{
    /// <summary>The certificate new keys are encrypted to, or null when none is configured.</summary>
    public static X509Certificate2? Current(KeyRingOptions options, string contentRoot) =>
        Load(options.CertificatePath, options.CertificatePassword, "CertificatePath", "CertificatePassword", contentRoot);

    /// <summary>The certificate older keys may be encrypted to, or null when none is configured.</summary>
    public static X509Certificate2? Previous(KeyRingOptions options, string contentRoot) =>
        Load(options.PreviousCertificatePath, options.PreviousCertificatePassword, "PreviousCertificatePath", "PreviousCertificatePassword", contentRoot);

    private static X509Certificate2? Load(string? configuredPath, string? password, string pathName, string passwordName, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(configuredPath))
            return null;
        var setting = $"{KeyRingOptions.SectionName}:{pathName}";
        var path = Path.GetFullPath(configuredPath, contentRoot);
        if (!File.Exists(path))
            throw Invalid($"{setting} names '{path}', which does not exist (or cannot be seen by the account Portal runs as).");

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException)
        {
            throw Invalid($"{setting} '{path}' cannot be read as a PKCS#12 (.pfx) file with the password in {KeyRingOptions.SectionName}:{passwordName}.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"{setting} '{path}' cannot be read by the account Portal runs as.");
        }

        // The keys are encrypted to the certificate's RSA public key and read back with its private key.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw Invalid($"{setting} '{path}' must hold an RSA certificate with its private key.");
        }
        return certificate;
    }

    private static OptionsValidationException Invalid(string problem) =>
        new(KeyRingOptions.SectionName, typeof(KeyRingOptions), [problem]);
}
