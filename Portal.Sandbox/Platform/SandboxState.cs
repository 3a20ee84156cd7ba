using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Portal.Sandbox.Accounts;

namespace Portal.Sandbox.Platform;

/// <summary>
/// The sandbox platform's memory across restarts, kept in the data folder beside Portal's own database:
/// each account's followers, tags, remarks, QR codes, menus, chats, deliveries and templates sent. Portal
/// remembers all of these too, so a sandbox that forgot them after <c>dotnet run</c> would refuse Portal's
/// next call for a follower with 40003. Access tokens, tickets and OAuth grants are left to be forgotten, as
/// the platform may invalidate them at any time and Portal fetches new ones.
/// </summary>
/// <remarks>
/// The file holds one object per account (<c>accounts.{AppId}.{part}</c>); each store names its part through
/// the <see cref="SandboxMemory"/> of its account and hands a snapshot function. A change only marks the
/// state dirty, and one write follows after a quiet moment (and at shutdown), so a burst of messages costs
/// one write, not one per request. The file is written aside and moved over, so a crash never leaves half
/// of it behind. A part whose store has not been created in this run is written back as it was read.
/// The single-account sandbox kept its parts at the top of the file and its menus in a file of their own;
/// both are read as the first account's (<see cref="Migrate"/>).
/// </remarks>
public sealed partial class SandboxState : IDisposable
{
    public const string FileName = "sandbox-state.json";

    /// <summary>How long after a change the file is written, so a burst of changes makes one write.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _path;
    private readonly ILogger<SandboxState> _logger;
    private readonly Lock _gate = new();
    private readonly Lock _writing = new();
    private readonly JsonObject _saved;
    private readonly Dictionary<(string Account, string Part), Func<object>> _parts = [];
    private readonly ITimer _timer;
    private int _dirty;
    private bool _disposed;

    public SandboxState(IOptions<SandboxOptions> options, SandboxAccounts accounts, TimeProvider time, ILogger<SandboxState> logger)
        : this(options.Value.DataFolder, accounts.First.AppId, time, logger)
    {
    }

    /// <param name="dataFolder">Where the file is.</param>
    /// <param name="firstAppId">The first account, which a file of the single-account sandbox belonged to.</param>
    public SandboxState(string dataFolder, string firstAppId, TimeProvider time, ILogger<SandboxState> logger)
    {
        _path = Path.Combine(dataFolder, FileName);
        _logger = logger;
        _saved = Migrate(Read(), dataFolder, firstAppId);
        _timer = time.CreateTimer(_ => Save(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>What the stores of one account keep through.</summary>
    public SandboxMemory For(string appId) => new(this, appId);

    /// <summary>
    /// Registers a store's part: <paramref name="snapshot"/> is called (on a timer thread) whenever the file
    /// is written, so it must take the store's own locks. Returns what the last run saved, or null.
    /// </summary>
    internal T? Keep<T>(string account, string part, Func<T> snapshot) where T : class
    {
        lock (_gate)
        {
            _parts[(account, part)] = snapshot;
            try
            {
                return Accounts()[account]?[part]?.Deserialize<T>(Json);
            }
            catch (JsonException e)
            {
                LogUnreadablePart(_logger, part, e);
                return null;
            }
        }
    }

    /// <summary>Something worth remembering changed: the file is written after a quiet moment. Cheap enough for any path.</summary>
    public void Changed()
    {
        if (Interlocked.Exchange(ref _dirty, 1) == 0)
            _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes now whatever changed; the timer and shutdown call it.</summary>
    public void Save()
    {
        lock (_writing)
        {
            // Cleared before the snapshots are taken: a change made meanwhile marks the state dirty again.
            if (Interlocked.Exchange(ref _dirty, 0) == 0)
                return;
            try
            {
                JsonObject file;
                lock (_gate)
                {
                    var accounts = Accounts();
                    foreach (var ((account, part), snapshot) in _parts)
                    {
                        if (accounts[account] is not JsonObject kept)
                            accounts[account] = kept = [];
                        kept[part] = JsonSerializer.SerializeToNode(snapshot(), Json);
                    }
                    file = (JsonObject)_saved.DeepClone();
                }
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                var temporary = _path + ".tmp";
                using (var stream = File.Create(temporary))
                using (var writer = new Utf8JsonWriter(stream))
                    file.WriteTo(writer);
                File.Move(temporary, _path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Kept dirty so the next change (or shutdown) tries again; the sandbox goes on from memory.
                Interlocked.Exchange(ref _dirty, 1);
                LogWriteFailed(_logger, _path, e);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _timer.Dispose();
        Save();
    }

    private JsonObject Accounts() => (JsonObject)_saved["accounts"]!;

    /// <summary>
    /// The file as this version keeps it. A file of the single-account sandbox (parts at the top) and its
    /// menus file (<c>sandbox-menus.json</c>, written at each change) become the first account's.
    /// </summary>
    private static JsonObject Migrate(JsonObject file, string dataFolder, string firstAppId)
    {
        if (file["accounts"] is not JsonObject)
        {
            var first = new JsonObject();
            foreach (var (part, value) in file.ToList())
            {
                file.Remove(part);
                first[part] = value;
            }
            file["accounts"] = new JsonObject { [firstAppId] = first };
        }
        var menus = Path.Combine(dataFolder, SingleAccountMenusFile);
        if (File.Exists(menus))
        {
            var accounts = (JsonObject)file["accounts"]!;
            if (accounts[firstAppId] is not JsonObject first)
                accounts[firstAppId] = first = [];
            try
            {
                first["menus"] ??= JsonNode.Parse(File.ReadAllText(menus));
            }
            catch (JsonException)
            {
                // Menus of an older sandbox that no longer read: the account starts without menus.
            }
        }
        return file;
    }

    /// <summary>Where the single-account sandbox kept its menus; read once into the first account and left in place.</summary>
    private const string SingleAccountMenusFile = "sandbox-menus.json";

    private JsonObject Read()
    {
        if (!File.Exists(_path))
            return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(_path)) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            // Set aside rather than overwritten, so a developer can still look at what was there.
            var aside = _path + ".unreadable";
            File.Move(_path, aside, overwrite: true);
            LogUnreadableFile(_logger, _path, aside, e);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox could not write its state to {Path}; it keeps going from memory and tries again at the next change")]
    private static partial void LogWriteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox's state file {Path} does not read; it was moved to {Aside} and the sandbox starts empty")]
    private static partial void LogUnreadableFile(ILogger logger, string path, string aside, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox's saved {Part} do not read; they start empty")]
    private static partial void LogUnreadablePart(ILogger logger, string part, Exception exception);
}

/// <summary>
/// One account's share of <see cref="SandboxState"/>: a store keeps its part through it and says when it
/// changed. Stores made without one (a test's own platform) live in memory only.
/// </summary>
public sealed class SandboxMemory(SandboxState state, string appId)
{
    /// <summary>Registers a part of this account's state; returns what the last run saved, or null.</summary>
    public T? Keep<T>(string part, Func<T> snapshot) where T : class => state.Keep(appId, part, snapshot);

    /// <summary>Something worth remembering changed: the file is written after a quiet moment.</summary>
    public void Changed() => state.Changed();
}
