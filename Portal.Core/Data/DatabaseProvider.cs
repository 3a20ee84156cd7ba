namespace Portal.Core.Data;

/// <summary>The relational databases Portal runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>A single file beside the app: the single-machine default.</summary>
    Sqlite,

    /// <summary>The shared database for several stateless instances.</summary>
    PostgreSql,
}
