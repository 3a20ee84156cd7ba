using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Portal.Web.DataProtection;

/// <summary>
/// Loads the certificate named by <c>DataProtection:CertificatePath</c> while the host is built, so that a
/// missing or unreadable one stops Portal at start with one line naming the setting, rather than the first
/// sign-in failing. The password never appears in a message.
/// </summary>
public static class KeyRingCertificate
{
    /// <summary>The certificate to protect keys with, or null when none is configured.</summary>
    public static X509Certificate2? Load(KeyRingOptions options, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
            return null;
        var path = Path.GetFullPath(options.CertificatePath, contentRoot);
        if (!File.Exists(path))
            throw Invalid($"DataProtection:CertificatePath names '{path}', which does not exist (or cannot be seen by the account Portal runs as).");

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }
        catch (CryptographicException)
        {
            throw Invalid($"DataProtection:CertificatePath '{path}' cannot be read as a PKCS#12 (.pfx) file with the password in DataProtection:CertificatePassword.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid($"DataProtection:CertificatePath '{path}' cannot be read by the account Portal runs as.");
        }

        // The keys are encrypted to the certificate's RSA public key and read back with its private key.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw Invalid($"DataProtection:CertificatePath '{path}' must hold an RSA certificate with its private key.");
        }
        return certificate;
    }

    private static OptionsValidationException Invalid(string problem) =>
        new(KeyRingOptions.SectionName, typeof(KeyRingOptions), [problem]);
}
