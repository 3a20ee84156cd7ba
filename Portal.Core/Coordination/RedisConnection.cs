using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Logging;
using StackExchange.Redis;

namespace Portal.Core.Coordination;

/// <summary>
/// The process's one Redis multiplexer (it is thread-safe and meant to be shared) and the one place
/// where key names get their prefix. Commands fail fast while Redis cannot be reached: short timeouts, no
/// backlog of commands waiting for a reconnect, and a <see cref="RedisCircuit"/> every caller goes through.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly string _prefix;
    private readonly TimeProvider _time;
    private long _restoredAtTicks;

    public RedisConnection(IOptions<RedisOptions> options, TimeProvider? time = null, DependencyOutages? outages = null)
    {
        _time = time ?? TimeProvider.System;
        var o = options.Value;
        _prefix = o.KeyPrefix;
        outages ??= new DependencyOutages(NullLoggerFactory.Instance, _time);
        Circuit = new RedisCircuit(o, _time, outages.For(DependencyOutages.Redis));
        var config = ConfigurationOptions.Parse(o.Configuration ?? throw new InvalidOperationException("Redis:Configuration is empty."));
        // Start even while Redis is down: /healthz then names Redis instead of the process failing to boot.
        config.AbortOnConnectFail = false;
        // Portal's own timeouts win over the configuration string's: a webhook push must get its answer within
        // WeChat's 5 seconds, and the client's defaults (5 s per command, commands queued while disconnected)
        // made every push wait about 5.7 s for an empty 500 while Redis was down.
        config.ConnectTimeout = (int)o.ConnectTimeout.TotalMilliseconds;
        config.SyncTimeout = config.AsyncTimeout = (int)o.OperationTimeout.TotalMilliseconds;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        // The client notices a command's timeout only on its heartbeat (every second by default), so a command
        // to a hung server waited up to a second past its timeout; beat often enough to keep to the timeout.
        config.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(o.OperationTimeout.TotalMilliseconds / 2, 100, 1000));
        // Reconnect attempts at most two seconds apart, so Redis is used again soon after it returns.
        config.ReconnectRetryPolicy = new ExponentialRetry(250, 2000);
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var multiplexer = ConnectionMultiplexer.Connect(config);
            multiplexer.ConnectionRestored += (_, _) => Interlocked.Exchange(ref _restoredAtTicks, _time.GetUtcNow().UtcTicks);
            return multiplexer;
        });
    }

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    /// <summary>Every command goes through this, so all callers share one view of whether Redis answers.</summary>
    public RedisCircuit Circuit { get; }

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
