using Microsoft.Extensions.Logging;

namespace Portal.Core.Logging;

/// <summary>
/// One dependency's outage as the log tells it. The first failure writes one Error with its exception; the
/// failures after it are only counted; the first success after them writes one line saying how long the
/// outage lasted and how many operations failed. A 10-second outage under load is then two lines, where a
/// line per request buried the one that said what went wrong.
/// </summary>
public sealed partial class DependencyOutage(string name, ILogger logger, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private long _failures;

    // Read without the lock on every success: the common case (no outage) costs one volatile read.
    private volatile bool _out;

    public string Name => name;

    /// <summary>Whether the last operation reported failed (and no success came since).</summary>
    public bool IsOut => _out;

    /// <summary>Operations that failed in the current outage; zero when there is none.</summary>
    public long Failures
    {
        get
        {
            lock (_gate)
                return _failures;
        }
    }

    /// <summary>Counts a failed operation. True when it began an outage, and was therefore logged.</summary>
    public bool Failed(Exception exception)
    {
        lock (_gate)
        {
            _failures++;
            if (_since is not null)
                return false;
            _since = time.GetUtcNow();
            _out = true;
        }
        LogStarted(logger, name, exception.GetType().Name, exception);
        return true;
    }

    /// <summary>Notes an operation that worked; ends the outage, if there was one, with its summary line.</summary>
    public void Succeeded()
    {
        if (!_out)
            return;
        DateTimeOffset since;
        long failures;
        lock (_gate)
        {
            if (_since is not { } start)
                return;
            (since, failures) = (start, _failures);
            _since = null;
            _failures = 0;
            _out = false;
        }
        LogEnded(logger, name, Math.Round((time.GetUtcNow() - since).TotalSeconds, 1), failures);
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error,
        Message = "{Dependency} failing ({Error}); further failures are counted, not logged, until it works again")]
    private static partial void LogStarted(ILogger logger, string dependency, string error, Exception exception);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning,
        Message = "{Dependency} works again after an outage of {Seconds} s; {Failures} operations failed meanwhile")]
    private static partial void LogEnded(ILogger logger, string dependency, double seconds, long failures);
}
