namespace Portal.Core.Data;

/// <summary>
/// Where relational data lives. Bound from the <c>Database</c> section; the connection string itself
/// comes from <c>ConnectionStrings:Portal</c> so that it can be supplied the usual ASP.NET way.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The app's data folder (SQLite file, Data Protection keys, uploads). Relative paths are taken
    /// from the content root.
    /// </summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>
    /// From <c>ConnectionStrings:Portal</c>. Optional for SQLite (defaults to <c>portal.db</c> in the
    /// data folder), required for PostgreSQL.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a SQLite writer waits for another writer before giving up.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
