using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Portal.Tests.Cluster;

/// <summary>
/// What one outage looked like from outside: the HTTP attempts WeChat made while it lasted and how each went,
/// messages handled twice, how long until service was whole again, and how many log lines each process wrote
/// meanwhile. Appended as a table row to the report file when <c>PORTAL_CLUSTER_REPORT</c> is set.
/// </summary>
public sealed class OutageFigures
{
    private static readonly Lock ReportGate = new();
    private readonly Lock _gate = new();
    private readonly List<PushAttempt> _attempts = [];
    private readonly Dictionary<string, long> _linesAtStart = [];
    private readonly Dictionary<string, long> _linesDuring = [];
    private readonly IReadOnlyList<PortalProcess> _processes;
    private readonly Stopwatch _clock = new();

    public OutageFigures(string scenario, IReadOnlyList<PortalProcess> processes)
    {
        Scenario = scenario;
        _processes = processes;
    }

    public string Scenario { get; }

    public int Messages { get; private set; }

    public int HandledTwice { get; set; }

    public TimeSpan? Recovery { get; private set; }

    public TimeSpan Outage { get; private set; }

    public IReadOnlyList<PushAttempt> Attempts
    {
        get
        {
            lock (_gate)
                return [.. _attempts];
        }
    }

    /// <summary>The fault begins: log lines are counted from here.</summary>
    public void OutageStarts()
    {
        foreach (var process in _processes)
            _linesAtStart[process.Name] = process.LinesWritten;
        _clock.Restart();
    }

    /// <summary>The fault is over (the server is back): log lines are counted up to here, recovery timed from here.</summary>
    public void OutageEnds()
    {
        Outage = _clock.Elapsed;
        foreach (var process in _processes)
            _linesDuring[process.Name] = process.LinesWritten - _linesAtStart.GetValueOrDefault(process.Name);
        _clock.Restart();
    }

    /// <summary>Service is whole again (every reply delivered, a new message answered).</summary>
    public void Recovered() => Recovery = _clock.Elapsed;

    public void Add(PushOutcome outcome)
    {
        lock (_gate)
        {
            Messages++;
            _attempts.AddRange(outcome.Attempts);
        }
    }

    /// <summary>One more attempt at a message already counted (a retry sent outside WeChat's usual run).</summary>
    public void Add(PushAttempt attempt)
    {
        lock (_gate)
            _attempts.Add(attempt);
    }

    public string Row()
    {
        var attempts = Attempts;
        var latencies = attempts.Select(a => a.Latency.TotalMilliseconds).Order().ToList();
        string Ms(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "–";
        var lines = string.Join(", ", _linesDuring.Select(l => $"{l.Key} {l.Value.ToString(CultureInfo.InvariantCulture)}"));
        return string.Join(" | ",
            "", Scenario, $"{Outage.TotalSeconds:0.#} s", Messages, attempts.Count, attempts.Count(a => a.Answered),
            attempts.Count(a => a.Refused), attempts.Count(a => !a.Completed), HandledTwice,
            Recovery is { } r ? $"{r.TotalSeconds:0.0} s" : "–",
            Ms(latencies.Count > 0 ? latencies[latencies.Count / 2] : null), Ms(latencies.Count > 0 ? latencies[^1] : null), lines, "").Trim();
    }

    /// <summary>Appends this outage's row to the report file, with the header when the file is new.</summary>
    public void Report()
    {
        if (ClusterLoad.ReportFile is not { } path)
            return;
        var text = new StringBuilder();
        lock (ReportGate)
        {
            if (!File.Exists(path) || new FileInfo(path).Length == 0)
            {
                text.AppendLine("| scenario | outage | messages | attempts | answered | refused (5xx) | no answer in 5 s | handled twice | recovery | p50 ms | max ms | log lines during the outage |");
                text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            }
            text.AppendLine(Row());
            File.AppendAllText(path, text.ToString());
        }
    }
}
