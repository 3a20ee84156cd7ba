using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Portal.Core.Coordination;

/// <summary>
/// The single-machine store: a dictionary under one lock, each entry with its expiry. One lock is enough
/// here: every operation is a few dictionary steps, far shorter than the I/O around it.
/// Expired entries are dropped when touched and swept once a minute.
/// </summary>
/// <remarks>
/// Keys and values are kept in a <see cref="TextSlab"/>, not as strings, so that holding them costs the garbage
/// collector nothing: the store holds every message key for minutes, and as strings each young collection copied
/// the last thousand of them. The dictionary is keyed by where a key's text lies and looked up by the text itself.
/// </remarks>
public sealed class InProcessCoordinationStore : ICoordinationStore, IDisposable
{
    private readonly TextSlab _values;
    private readonly Dictionary<TextRef, Entry> _entries;
    private readonly Dictionary<TextRef, Entry>.AlternateLookup<ReadOnlySpan<char>> _byKey;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;

    // The store lives in the process's memory: it remembers nothing from before the process started.
    private readonly DateTimeOffset _startedAt;

    public InProcessCoordinationStore(TimeProvider time)
    {
        _values = new TextSlab();
        _entries = new Dictionary<TextRef, Entry>(new SlabKeyComparer(_values));
        _byKey = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _time = time;
        _startedAt = time.GetUtcNow();
        _sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public Task<bool> TryClaimAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default)
    {
        CheckTtl(ttl);
        lock (_gate)
            return Task.FromResult(Claim(key, value, ttl, readExisting: false).Won);
    }

    public Task<ClaimAttempt> ClaimOrReadAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default)
    {
        CheckTtl(ttl);
        lock (_gate)
            return Task.FromResult(Claim(key, value, ttl, readExisting: true));
    }

    private ClaimAttempt Claim(string key, string value, TimeSpan ttl, bool readExisting)
    {
        // One lookup for both the check and the claim: a new key's text is copied into the slab by the comparer.
        var text = _values.Add(value);
        var now = _time.GetUtcNow();
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, key, out var existed);
        if (existed)
        {
            if (entry.ExpiresAt > now)
            {
                _values.Remove(text);
                return new ClaimAttempt(false, readExisting ? entry.Value.ToString() : null, _startedAt);
            }
            _values.Remove(entry.Value); // expired: claimed afresh
        }
        entry = new Entry(text, now + ttl);
        return new ClaimAttempt(true, null, _startedAt);
    }

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken ct = default)
    {
        CheckTtl(ttl);
        lock (_gate)
            Put(key, value, ttl);
        return Task.CompletedTask;
    }

    public Task<string?> GetAsync(string key, CancellationToken ct = default)
    {
        lock (_gate)
            return Task.FromResult(TryGetLive(key, out var entry) ? entry.Value.ToString() : null);
    }

    public Task<bool> DeleteIfEqualsAsync(string key, string expected, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!Holds(key, expected))
                return Task.FromResult(false);
            Remove(key);
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReplaceIfEqualsAsync(string key, string expected, string value, TimeSpan ttl, CancellationToken ct = default)
    {
        CheckTtl(ttl);
        lock (_gate)
        {
            ref var entry = ref HeldEntry(key, expected);
            if (Unsafe.IsNullRef(ref entry))
                return Task.FromResult(false);
            // In place: the key is found once, not again to store the new value.
            _values.Remove(entry.Value);
            entry = new Entry(_values.Add(value), _time.GetUtcNow() + ttl);
            return Task.FromResult(true);
        }
    }

    /// <summary>Entries held now, expired ones included until swept; for tests of the sweeper.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
                return _entries.Count;
        }
    }

    internal void Sweep()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpiresAt <= now && _entries.Remove(key))
                {
                    _values.Remove(entry.Value);
                    _values.Remove(key);
                }
            }
        }
    }

    /// <summary>Chunks of value text in use; for tests that values are let go.</summary>
    internal int ValueChunks
    {
        get
        {
            lock (_gate)
                return _values.ChunksInUse;
        }
    }

    private void Put(string key, string value, TimeSpan ttl)
    {
        var text = _values.Add(value);
        // One lookup: a new key's text is copied into the slab by the comparer's Create.
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, key, out var existed);
        if (existed)
            _values.Remove(entry.Value);
        entry = new Entry(text, _time.GetUtcNow() + ttl);
    }

    private void Remove(string key)
    {
        if (_byKey.Remove(key, out var storedKey, out var old))
        {
            _values.Remove(old.Value);
            _values.Remove(storedKey);
        }
    }

    private bool Holds(string key, string expected) => !Unsafe.IsNullRef(ref HeldEntry(key, expected));

    /// <summary>The live entry of <paramref name="key"/> if its value is <paramref name="expected"/>, else a null reference.</summary>
    private ref Entry HeldEntry(string key, string expected)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_byKey, key);
        if (Unsafe.IsNullRef(ref entry))
            return ref entry;
        if (entry.ExpiresAt <= _time.GetUtcNow())
        {
            Remove(key);
            return ref Unsafe.NullRef<Entry>();
        }
        if (!entry.Value.Span.SequenceEqual(expected))
            return ref Unsafe.NullRef<Entry>();
        return ref entry;
    }

    private bool TryGetLive(string key, out Entry entry)
    {
        if (_byKey.TryGetValue(key, out entry) && entry.ExpiresAt > _time.GetUtcNow())
            return true;
        Remove(key);
        return false;
    }

    private static void CheckTtl(TimeSpan ttl)
    {
        // The same rule as Redis: a key without a positive lifetime is a bug in the caller.
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(1));
    }

    public void Dispose() => _sweeper.Dispose();

    private readonly record struct Entry(TextRef Value, DateTimeOffset ExpiresAt);

    /// <summary>Compares keys by their text, whether held in the slab or asked for as a span.</summary>
    private sealed class SlabKeyComparer(TextSlab slab) : IEqualityComparer<TextRef>, IAlternateEqualityComparer<ReadOnlySpan<char>, TextRef>
    {
        public bool Equals(TextRef x, TextRef y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(TextRef key) => string.GetHashCode(key.Span);

        public bool Equals(ReadOnlySpan<char> alternate, TextRef other) => other.Span.SequenceEqual(alternate);

        public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

        public TextRef Create(ReadOnlySpan<char> alternate) => slab.Add(alternate);
    }
}
