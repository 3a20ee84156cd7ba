using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Logging;

/// <summary>
/// The process's outage trackers, one per name, so that every part reporting the same dependency shares one
/// start line and one end line. Names say what failed, from the operator's side ("Redis", "Database (message
/// log)"): a part that fails on its own (the rule cache) has its own name, so its failures and another part's
/// successes do not end and restart each other's outage on every message.
/// </summary>
public sealed class DependencyOutages(ILoggerFactory loggers, TimeProvider time)
{
    public const string Redis = "Redis";
    public const string MessageLog = "Database (message log)";
    public const string AutoReplyRules = "Database (auto-reply rules)";
    public const string Outbox = "Database (outbox delivery)";
    public const string LateReplyRecovery = "Database (late-reply recovery)";
    public const string Webhook = "Webhook pushes (database or Redis unreachable)";

    private readonly ConcurrentDictionary<string, DependencyOutage> _outages = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger("Portal.Outages");

    public DependencyOutage For(string name) => _outages.GetOrAdd(name, n => new DependencyOutage(n, _logger, time));
}
