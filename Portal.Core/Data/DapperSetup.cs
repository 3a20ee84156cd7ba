using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Portal.Core.Data;

/// <summary>
/// Teaches Dapper how Portal stores time: UTC <see cref="DateTimeOffset"/> as ISO-8601 text in SQLite
/// (fixed width, so it sorts and compares correctly) and as <c>timestamptz</c> in PostgreSQL.
/// </summary>
internal static class DapperSetup
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        // Columns are snake_case, properties PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcTimestampHandler());
    }

    private sealed class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            var sqlite = parameter is SqliteParameter;
            parameter.DbType = sqlite ? DbType.String : DbType.DateTimeOffset;
            parameter.Value = TimestampValue(value, sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql);
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            DateTimeOffset dto => dto.ToUniversalTime(),
            _ => throw new DataException($"Cannot read a timestamp from a {value.GetType().Name}."),
        };
    }

    /// <summary>
    /// A timestamp as the database stores it. PostgreSQL keeps microseconds, so the last tick digit is cut
    /// everywhere: a value then reads back equal on both databases.
    /// </summary>
    public static object TimestampValue(DateTimeOffset value, DatabaseProvider provider)
    {
        var utc = value.ToUniversalTime();
        utc = utc.AddTicks(-(utc.Ticks % 10));
        return provider == DatabaseProvider.Sqlite ? Format(utc) : utc;
    }

    /// <summary>The text form SQLite stores: always UTC, always the same width.</summary>
    public static string Format(DateTimeOffset utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
