using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Portal.Core.Data;

namespace Portal.Web.DataProtection;

/// <summary>
/// Makes the key ring ready before anything is served, under the ring's lock: imports the old ring into an
/// empty table, checks that this instance can read every key still in use, then has the framework load the
/// ring and add a key if its policy asks for one. Instances starting together take turns, so the second
/// finds the first one's key instead of making its own, and every instance protects cookies with a key that
/// all of them can read.
/// </summary>
public sealed partial class KeyRingStartup(
    DbConnectionFactory db,
    DatabaseXmlRepository repository,
    KeyRingImport import,
    IKeyManager keys,
    IDataProtectionProvider protection,
    TimeProvider time,
    ILogger<KeyRingStartup> logger)
{
    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        await using var held = await KeyRingTransaction.BeginAsync(db, ct).ConfigureAwait(false);
        using (repository.Use(held))
        {
            if (repository.Count(held) == 0)
            {
                var old = await import.ReadAsync(ct).ConfigureAwait(false);
                foreach (var (name, element) in old)
                    repository.StoreElement(element, name);
                if (old.Count > 0)
                    LogImported(logger, old.Count);
            }
            RefuseUnreadableKeys();
            // Protecting anything makes the framework read the ring and create a key when there is no usable
            // one (or the current one expires soon); done here, the new key is committed with the lock held.
            protection.CreateProtector("Portal.KeyRingStartup").Protect([]);
        }
        await held.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A key encrypted to a certificate this instance lacks would be skipped by the framework, which then
    /// makes a key of its own: this instance would refuse every other's cookies and they its. Stopping here
    /// names the setting instead.
    /// </summary>
    private void RefuseUnreadableKeys()
    {
        var now = time.GetUtcNow();
        var unreadable = keys.GetAllKeys().Where(key => !key.IsRevoked && key.ExpirationDate > now && !CanRead(key)).ToList();
        if (unreadable.Count == 0)
            return;
        var section = KeyRingOptions.SectionName;
        throw new OptionsValidationException(section, typeof(KeyRingOptions),
        [
            $"The cookie key {unreadable[0].KeyId} (in use until {unreadable[0].ExpirationDate:yyyy-MM-dd}) is encrypted to a certificate this instance cannot use. " +
            $"Give every instance the same {section}:CertificatePath, and after replacing the certificate keep the old one as {section}:PreviousCertificatePath.",
        ]);
    }

    private static bool CanRead(IKey key)
    {
        try
        {
            return key.CreateEncryptor() is not null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or InvalidOperationException or System.Xml.XmlException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} cookie-key entries from the data folder or Redis into the database; existing sign-ins stay valid")]
    private static partial void LogImported(ILogger logger, int count);
}
