using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Data;

namespace Portal.Web.DataProtection;

/// <summary>
/// Makes the key ring ready before anything is served, under the ring's lock: imports the old ring into an
/// empty table, then has the framework load the ring and add a key if its policy asks for one. Instances
/// starting together take turns, so the second finds the first one's key instead of making its own, and
/// every instance protects cookies with a key that all of them can read.
/// </summary>
public sealed partial class KeyRingStartup(
    DbConnectionFactory db, DatabaseXmlRepository repository, KeyRingImport import, IDataProtectionProvider protection, ILogger<KeyRingStartup> logger)
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
            // Protecting anything makes the framework read the ring and create a key when there is no usable
            // one (or the current one expires soon); done here, the new key is committed with the lock held.
            protection.CreateProtector("Portal.KeyRingStartup").Protect([]);
        }
        await held.CommitAsync(ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} cookie-key entries from the data folder or Redis into the database; existing sign-ins stay valid")]
    private static partial void LogImported(ILogger logger, int count);
}
