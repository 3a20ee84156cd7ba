using System.Data.Common;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Portal.Core.Data;

namespace Portal.Web.DataProtection;

/// <summary>
/// The Data Protection key ring in the <c>data_protection_keys</c> table: durable through Redis and process
/// restarts, and the same for every instance on the database. The framework calls it synchronously (at
/// start, about once a day, and when it creates a key), so these calls do not await.
/// </summary>
public sealed class DatabaseXmlRepository(DbConnectionFactory db, TimeProvider time) : IXmlRepository
{
    // Set only while KeyRingStartup holds the ring's lock; flows into the framework's calls made under it.
    private readonly AsyncLocal<KeyRingTransaction?> _held = new();

    /// <summary>Until the returned scope ends, this repository works inside <paramref name="held"/>.</summary>
    public IDisposable Use(KeyRingTransaction held)
    {
        _held.Value = held;
        return new Release(this);
    }

    private const string AllSql = "SELECT xml FROM data_protection_keys ORDER BY id";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var rows = Run((connection, transaction) => connection.Query<string>(AllSql, transaction: transaction).ToList());
        return rows.Select(xml => XElement.Parse(xml)).ToList();
    }

    private const string StoreSql = "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @At)";

    public void StoreElement(XElement element, string friendlyName) =>
        Run((connection, transaction) => connection.Execute(StoreSql,
            new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), At = time.GetUtcNow() },
            transaction));

    private const string CountSql = "SELECT COUNT(*) FROM data_protection_keys";

    /// <summary>How many elements the ring holds; read under the lock, to know whether it was ever started.</summary>
    public int Count(KeyRingTransaction held) => held.Connection.ExecuteScalar<int>(CountSql, transaction: held.Transaction);

    private T Run<T>(Func<DbConnection, DbTransaction?, T> work)
    {
        if (_held.Value is { IsOpen: true } held)
            return work(held.Connection, held.Transaction);
        using var connection = db.Open();
        return work(connection, null);
    }

    private sealed class Release(DatabaseXmlRepository repository) : IDisposable
    {
        public void Dispose() => repository._held.Value = null;
    }
}
