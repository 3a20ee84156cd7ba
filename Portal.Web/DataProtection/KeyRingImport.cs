using System.Xml.Linq;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;
using Portal.Core.Data;
using StackExchange.Redis;

namespace Portal.Web.DataProtection;

/// <summary>
/// The key ring where Portal kept it before the database did: files in the data folder's <c>keys/</c>
/// (one machine) and the Redis list <c>{KeyPrefix}data-protection-keys</c> (several instances). Read once,
/// when the table is still empty, so that upgrading signs nobody out. Both places are read: an install that
/// moved from one machine to Redis may have cookies from either ring still in use.
/// </summary>
public sealed partial class KeyRingImport(IOptions<DatabaseOptions> database, ILogger<KeyRingImport> logger, RedisConnection? redis = null)
{
    public const string RedisKeyName = "data-protection-keys";

    /// <summary>The folder the ring's files were kept in.</summary>
    public string KeysFolder => Path.Combine(database.Value.DataFolder, "keys");

    /// <summary>Each element with the name it is stored under, a key once even when both places hold it.</summary>
    public async Task<IReadOnlyList<(string Name, XElement Element)>> ReadAsync(CancellationToken ct)
    {
        var found = new List<(string, XElement)>();
        var keyIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, XElement element)
        {
            // A key is named by its id attribute; revocations have none and are all kept.
            if (element.Attribute("id")?.Value is { } id && !keyIds.Add(id))
                return;
            found.Add((name, element));
        }

        foreach (var (name, element) in ReadFolder())
            Add(name, element);
        foreach (var element in await ReadRedisAsync(ct).ConfigureAwait(false))
            Add(NameOf(element, found.Count), element);
        return found;
    }

    private IEnumerable<(string, XElement)> ReadFolder()
    {
        if (!Directory.Exists(KeysFolder))
            return [];
        // The framework names each file after what it holds (key-{id}.xml, revocation-….xml).
        return Directory.EnumerateFiles(KeysFolder, "*.xml")
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetFileNameWithoutExtension(file), XElement.Load(file)))
            .ToList();
    }

    private async Task<IReadOnlyList<XElement>> ReadRedisAsync(CancellationToken ct)
    {
        if (redis is null)
            return [];
        try
        {
            var values = await redis.Circuit.RunAsync(() => redis.Database.ListRangeAsync(redis.Key(RedisKeyName))).WaitAsync(ct).ConfigureAwait(false);
            return values.Select(value => XElement.Parse(value.ToString())).ToList();
        }
        catch (Exception e) when (e is CoordinationUnavailableException or RedisException)
        {
            // Starting anyway is the lesser harm: Redis may have lost the ring already (the very fault the
            // database fixes), and an instance that refuses to start helps nobody sign in.
            LogRedisUnreadable(logger, e.Message);
            return [];
        }
    }

    private static string NameOf(XElement element, int position) =>
        element.Attribute("id")?.Value is { } id ? $"key-{id}" : $"{element.Name.LocalName}-imported-{position}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the old cookie keys from Redis ({Problem}); cookies they protected will not be accepted")]
    private static partial void LogRedisUnreadable(ILogger logger, string problem);
}
