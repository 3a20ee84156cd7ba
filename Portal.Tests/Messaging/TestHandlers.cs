using Portal.Core.Messaging;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>
/// A handler plugged into the routing table the way an application adds its own: it counts its runs,
/// takes as long as it is told (a time, or until the test releases it) and answers with its run number.
/// </summary>
public sealed class CountingHandler(TimeSpan delay) : IMessageHandler
{
    private readonly TaskCompletionSource? _release;
    private int _runs;
    private int _finished;

    private CountingHandler(TaskCompletionSource release) : this(TimeSpan.Zero) => _release = release;

    /// <summary>
    /// A handler slower than any deadline, whatever the machine's load: it finishes only when <see cref="Release"/>
    /// is called.
    /// </summary>
    public static CountingHandler UntilReleased() => new(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets the runs of a handler made by <see cref="UntilReleased"/> finish.</summary>
    public void Release() => _release!.TrySetResult();

    public int Runs => Volatile.Read(ref _runs);

    public bool Finished => Volatile.Read(ref _finished) > 0;

    public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct)
    {
        var run = Interlocked.Increment(ref _runs);
        if (_release is not null)
            await _release.Task.WaitAsync(ct);
        else
            await Task.Delay(delay, ct);
        Interlocked.Increment(ref _finished);
        return new TextReply($"answer from run {run}");
    }

    /// <summary>Routes every text message of <paramref name="app"/> to this handler.</summary>
    public CountingHandler InstallIn(PortalAppFactory app)
    {
        app.TestServices.Add(services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(
            services, new MessageRoutesBuilder().On(MessageKind.Text, this).Build()));
        return this;
    }
}
