using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Portal.Core.Coordination;

/// <summary>
/// The process's one Redis multiplexer (it is thread-safe and meant to be shared) and the one place
/// where key names get their prefix.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private long _restoredAtTicks;

    public RedisConnection(IOptions<RedisOptions> options, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        var o = options.Value;
        _prefix = o.KeyPrefix;
        var config = ConfigurationOptions.Parse(o.Configuration ?? throw new InvalidOperationException("Redis:Configuration is empty."));
        // Start even while Redis is down: /healthz then names Redis instead of the process failing to boot.
        config.AbortOnConnectFail = false;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var multiplexer = ConnectionMultiplexer.Connect(config);
            multiplexer.ConnectionRestored += (_, _) => Interlocked.Exchange(ref _restoredAtTicks, _time.GetUtcNow().UtcTicks);
            return multiplexer;
        });
    }

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    /// <summary>
    /// Connects now. Called once at start-up: connecting lazily inside the first requests would block a
    /// thread-pool thread per waiting request while the multiplexer itself needs pool threads to finish
    /// its handshake, which starves the pool for seconds under a burst.
    /// </summary>
    public Task ConnectAsync() => Task.Run(() => _multiplexer.Value);

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>
    /// When this process last got its connection back after losing it, if ever. The server may have restarted
    /// meanwhile and forgotten its keys (or, restarted from a snapshot, the newest of them): callers that rely
    /// on Redis's memory treat it as suspect from then on.
    /// </summary>
    public DateTimeOffset? LastRestoredAt => Interlocked.Read(ref _restoredAtTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public RedisKey Key(string name) => _prefix + name;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
            _multiplexer.Value.Dispose();
    }
}
