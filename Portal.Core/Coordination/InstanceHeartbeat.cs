using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Coordination;

/// <summary>
/// Tells the other instances that this one is alive: a key in the shared store that this process renews
/// every second and that lapses three seconds after it dies (killed, frozen, cut off). Work that an instance
/// holds (a message it is handling) may be taken over by another once its holder's heartbeat is gone, without
/// waiting for the work's own, much longer, time to live.
/// </summary>
public sealed partial class InstanceHeartbeat(ICoordinationStore store, InstanceIdentity instance, TimeProvider time, ILogger<InstanceHeartbeat> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Three beats: one late beat (a pause for garbage collection, a slow round trip) does not look like death.</summary>
    public static readonly TimeSpan Life = TimeSpan.FromSeconds(3);

    private bool _failing;

    public Task BeatAsync(CancellationToken ct = default) => store.SetAsync(Key(instance.Id), "alive", Life, ct);

    /// <summary>Whether <paramref name="instanceId"/> has beaten within <see cref="Life"/>; this instance always is.</summary>
    public async Task<bool> IsAliveAsync(string instanceId, CancellationToken ct = default) =>
        instanceId == instance.Id || await store.GetAsync(Key(instanceId), ct).ConfigureAwait(false) is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await BeatAsync(stoppingToken).ConfigureAwait(false);
                _failing = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The store's own outage is reported where it is detected; this only notes that beats stopped.
                if (!_failing)
                    LogBeatFailed(logger, e.GetType().Name);
                _failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static string Key(string instanceId) => "instance:" + instanceId;

    [LoggerMessage(Level = LogLevel.Warning, Message = "This instance's heartbeat could not be written ({Error}); others may take over the messages it is handling")]
    private static partial void LogBeatFailed(ILogger logger, string error);
}
