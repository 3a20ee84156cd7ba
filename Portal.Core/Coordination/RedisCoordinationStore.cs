using StackExchange.Redis;

namespace Portal.Core.Coordination;

/// <summary>
/// The shared store for several instances. Plain claims use SET NX PX; the compare-and-swap operations
/// are small Lua scripts so the compare and the change happen as one step on the server. Every command goes
/// through the connection's circuit: when Redis cannot be reached, each operation throws
/// <see cref="CoordinationUnavailableException"/> within the operation timeout, or at once while the circuit is open.
/// </summary>
public sealed class RedisCoordinationStore(RedisConnection redis, TimeProvider time) : ICoordinationStore
{
    // Claims the key, or returns the value that holds it. A won claim also reads since when the server has
    // remembered claims: the marker is written by the first claim after the server starts empty (it carries no
    // time to live), so a restart that lost the keys also loses the marker, and the next claim dates it anew.
    private const string ClaimOrReadScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
            local since = redis.call('GET', KEYS[2])
            if not since then
                since = ARGV[3]
                redis.call('SET', KEYS[2], since)
            end
            return {1, since}
        end
        return {0, redis.call('GET', KEYS[1])}
        """;

    private const string RemembersSinceKey = "coordination:remembers-since";

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

    public Task<bool> TryClaimAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default)
    {
        var life = Ttl(ttl);
        return redis.Circuit.RunAsync(() => redis.Database.StringSetAsync(redis.Key(key), value, life, When.NotExists));
    }

    public async Task<ClaimAttempt> ClaimOrReadAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var life = Milliseconds(ttl);
        var result = (RedisResult[])(await redis.Circuit.RunAsync(() => redis.Database.ScriptEvaluateAsync(
            ClaimOrReadScript, [redis.Key(key), redis.Key(RemembersSinceKey)], [value, life, now.ToUnixTimeMilliseconds()])).ConfigureAwait(false))!;
        var won = (long)result[0] == 1;
        if (!won)
            return new ClaimAttempt(false, result[1].IsNull ? null : (string?)result[1], DateTimeOffset.MinValue);
        var since = DateTimeOffset.FromUnixTimeMilliseconds((long)result[1]);
        // A reconnect seen by this process may have been a restart from a snapshot, which brings the marker back
        // but not the newest claims; trust the memory only from the later of the two.
        if (redis.LastRestoredAt is { } restored && restored > since)
            since = restored;
        return new ClaimAttempt(true, null, since);
    }

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default)
    {
        var life = Ttl(ttl);
        return redis.Circuit.RunAsync(() => redis.Database.StringSetAsync(redis.Key(key), value, life));
    }

    public async Task<string?> GetAsync(string key, CancellationToken ct = default) =>
        await redis.Circuit.RunAsync(() => redis.Database.StringGetAsync(redis.Key(key))).ConfigureAwait(false);

    public Task<bool> DeleteIfEqualsAsync(string key, string expected, CancellationToken ct = default) =>
        ScriptAsync(DeleteIfEqualsScript, key, [expected]);

    public Task<bool> ReplaceIfEqualsAsync(string key, string expected, string value, TimeSpan ttl, CancellationToken ct = default) =>
        ScriptAsync(ReplaceIfEqualsScript, key, [expected, value, Milliseconds(ttl)]);


    private async Task<bool> ScriptAsync(string script, string key, RedisValue[] args) =>
        (long)await redis.Circuit.RunAsync(() => redis.Database.ScriptEvaluateAsync(script, [redis.Key(key)], args)).ConfigureAwait(false) == 1;

    private static TimeSpan Ttl(TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1));
        return ttl;
    }

    private static long Milliseconds(TimeSpan ttl) => (long)Math.Ceiling(Ttl(ttl).TotalMilliseconds);
}
