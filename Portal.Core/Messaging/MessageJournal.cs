using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;
using Portal.Core.Followers;

namespace Portal.Core.Messaging;

/// <summary>
/// Writes the message log and the follower updates with group commit: each webhook request waits until
/// its rows are committed (so nothing it answered for is lost on a crash), while requests that arrive
/// together share one transaction. Under load this turns hundreds of small commits into a few large
/// ones; when idle a request's commit starts at once.
/// </summary>
public sealed partial class MessageJournal(DbConnectionFactory db, MessageLogStore log, FollowerStore followers, ILogger<MessageJournal> logger)
    : BackgroundService
{
    private const int MaxBatch = 256;
    private static readonly TimeSpan TouchResolution = TimeSpan.FromMinutes(1);

    // Only the single writer loop touches this.
    private readonly Dictionary<string, DateTimeOffset> _recentTouches = new(StringComparer.Ordinal);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Completes when the entry (and the follower change, if any) is committed.</summary>
    public async Task AppendAsync(MessageLogEntry entry, FollowerChange? change, CancellationToken ct = default)
    {
        var pending = new Pending(entry, change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct).ConfigureAwait(false);
        await pending.Committed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        // Drain to the end even while stopping: every queued request is waiting for its commit.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                batch.Add(item);
            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await using var connection = await db.OpenAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await log.InsertAsync(connection, transaction, batch.ConvertAll(p => p.Entry)).ConfigureAwait(false);
            var changes = FollowerChanges(batch);
            if (changes.Count > 0)
                await followers.ApplyAsync(connection, transaction, changes).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            foreach (var pending in batch)
                pending.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            LogCommitFailed(logger, batch.Count, e);
            foreach (var pending in batch)
                pending.Committed.TrySetException(e);
        }
    }

    /// <summary>
    /// Follows and unfollows, in order; an interaction only when the follower's window was not touched in
    /// the last minute (the 48-hour window does not need finer time, and a chatty follower would otherwise
    /// cost a write per message).
    /// </summary>
    private List<FollowerChange> FollowerChanges(List<Pending> batch)
    {
        var changes = new List<FollowerChange>();
        if (_recentTouches.Count > 100_000)
            _recentTouches.Clear();
        foreach (var pending in batch)
        {
            if (pending.Change is not { } change)
                continue;
            if (change.Kind == FollowerChangeKind.Interaction
                && _recentTouches.TryGetValue(change.OpenId, out var last) && change.At - last < TouchResolution)
                continue;
            _recentTouches[change.OpenId] = change.At;
            changes.Add(change);
        }
        return changes;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not commit {Count} message-log entries; their requests fail so WeChat retries them")]
    private static partial void LogCommitFailed(ILogger logger, int count, Exception exception);

    private sealed record Pending(MessageLogEntry Entry, FollowerChange? Change, TaskCompletionSource Committed);
}
