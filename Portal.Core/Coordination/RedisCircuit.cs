using Portal.Core.Logging;
using StackExchange.Redis;

namespace Portal.Core.Coordination;

/// <summary>
/// Stops Portal waiting on a Redis that does not answer. After <see cref="RedisOptions.CircuitBreakAfter"/>
/// consecutive connection failures or timeouts the circuit opens: every command fails at once with
/// <see cref="CoordinationUnavailableException"/>, without being sent. After <see cref="RedisOptions.CircuitPause"/>
/// one command goes through as a probe; its success closes the circuit, its failure opens it for another pause.
/// A server that is down refuses connections and fails commands at once anyway (the multiplexer's backlog is
/// off); the circuit is for a server that hangs or a network that drops packets, where every command would
/// otherwise wait the whole operation timeout. The outage is logged once when it begins and once when it ends.
/// </summary>
public sealed class RedisCircuit(RedisOptions options, TimeProvider time, DependencyOutage outage)
{
    private int _consecutiveFailures;
    private long _openUntilTicks; // 0 while closed
    private int _probing;
    private long _refused;
    private long _opened;

    /// <summary>Whether commands are being refused without being sent (a probe may still be on its way).</summary>
    public bool IsOpen => Volatile.Read(ref _openUntilTicks) != 0;

    /// <summary>Commands refused without being sent, since start. For tests and operators' curiosity.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>How many times the circuit has opened since start.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>Sends <paramref name="command"/> unless the circuit is open; a failure to reach Redis comes out as <see cref="CoordinationUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> command)
    {
        var probe = Enter();
        try
        {
            var result = await command().ConfigureAwait(false);
            Succeeded();
            return result;
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            Failed(e, probe);
            throw new CoordinationUnavailableException("Redis cannot be reached: " + e.GetType().Name, e);
        }
        finally
        {
            if (probe)
                Volatile.Write(ref _probing, 0);
        }
    }

    public async Task RunAsync(Func<Task> command) =>
        await RunAsync(async () =>
        {
            await command().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    /// <summary>True when the command may be sent as a probe of an open circuit; throws when it may not be sent at all.</summary>
    private bool Enter()
    {
        var openUntil = Volatile.Read(ref _openUntilTicks);
        if (openUntil == 0)
            return false;
        if (time.GetUtcNow().UtcTicks >= openUntil && Interlocked.CompareExchange(ref _probing, 1, 0) == 0)
            return true;
        Interlocked.Increment(ref _refused);
        var refused = new CoordinationUnavailableException("Redis cannot be reached; commands are refused for a moment without being sent (the circuit is open).");
        outage.Failed(refused);
        throw refused;
    }

    private void Succeeded()
    {
        Volatile.Write(ref _consecutiveFailures, 0);
        Volatile.Write(ref _openUntilTicks, 0);
        outage.Succeeded();
    }

    private void Failed(Exception e, bool probe)
    {
        outage.Failed(e);
        if (!probe && Interlocked.Increment(ref _consecutiveFailures) < options.CircuitBreakAfter)
            return;
        if (Interlocked.Exchange(ref _openUntilTicks, (time.GetUtcNow() + options.CircuitPause).UtcTicks) == 0)
            Interlocked.Increment(ref _opened);
    }

    /// <summary>Failures that say the server cannot serve now, as opposed to a bug in a command.</summary>
    private static bool IsUnreachable(Exception e) => e switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException or ObjectDisposedException => true,
        // Starting up from its snapshot, stuck in a long script, or a replica without its primary: unreachable for now.
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal),
        _ => false,
    };
}
