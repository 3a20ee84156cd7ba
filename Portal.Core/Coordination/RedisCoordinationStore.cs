using StackExchange.Redis;

namespace Portal.Core.Coordination;

/// <summary>
/// The shared store for several instances. Plain claims use SET NX PX; the compare-and-swap operations
/// are small Lua scripts so the compare and the change happen as one step on the server.
/// </summary>
public sealed class RedisCoordinationStore(RedisConnection redis) : ICoordinationStore
{
    private const string DeleteIfEqualsScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private const string ReplaceIfEqualsScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1
        end
        return 0
        """;

    private const string ExpireIfEqualsScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    public Task<bool> TryClaimAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default) =>
        redis.Database.StringSetAsync(redis.Key(key), value, Ttl(ttl), When.NotExists);

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default) =>
        redis.Database.StringSetAsync(redis.Key(key), value, Ttl(ttl));

    public async Task<string?> GetAsync(string key, CancellationToken ct = default) =>
        await redis.Database.StringGetAsync(redis.Key(key)).ConfigureAwait(false);

    public async Task<bool> DeleteIfEqualsAsync(string key, string expected, CancellationToken ct = default) =>
        (long)await redis.Database.ScriptEvaluateAsync(DeleteIfEqualsScript, [redis.Key(key)], [expected]).ConfigureAwait(false) == 1;

    public async Task<bool> ReplaceIfEqualsAsync(string key, string expected, string value, TimeSpan ttl, CancellationToken ct = default) =>
        (long)await redis.Database.ScriptEvaluateAsync(ReplaceIfEqualsScript, [redis.Key(key)], [expected, value, Milliseconds(ttl)]).ConfigureAwait(false) == 1;

    public async Task<bool> ExpireIfEqualsAsync(string key, string expected, TimeSpan ttl, CancellationToken ct = default) =>
        (long)await redis.Database.ScriptEvaluateAsync(ExpireIfEqualsScript, [redis.Key(key)], [expected, Milliseconds(ttl)]).ConfigureAwait(false) == 1;

    private static TimeSpan Ttl(TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1));
        return ttl;
    }

    private static long Milliseconds(TimeSpan ttl) => (long)Math.Ceiling(Ttl(ttl).TotalMilliseconds);
}
