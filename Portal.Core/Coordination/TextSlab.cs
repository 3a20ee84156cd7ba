namespace Portal.Core.Coordination;

/// <summary>
/// Keeps the text of many short-lived values in a few large arrays instead of a string each.
/// </summary>
/// <remarks>
/// The in-process store holds every reply it sent for minutes, so that WeChat's retries get the same answer.
/// As strings, those replies were thousands of small objects surviving every young collection; the collector
/// copied each one twice and grew its young generation to cope, and its pauses set the webhook's tail latency.
/// Here each value is a range of a 256K-character chunk on the large-object heap, which a young collection never
/// copies. A chunk counts its live values and returns to the free list when the last one is removed.
/// Not thread-safe: the store calls it under its lock.
/// </remarks>
internal sealed class TextSlab
{
    internal const int ChunkChars = 256 * 1024;

    // A value larger than this gets an array of its own rather than wasting the rest of a chunk.
    private const int LargestShared = ChunkChars / 8;

    private readonly Stack<Chunk> _free = new();
    private Chunk _current = new(ChunkChars);
    private int _used;

    public int ChunksInUse { get; private set; } = 1;

    public TextRef Add(ReadOnlySpan<char> text)
    {
        if (text.Length > LargestShared)
        {
            var own = new Chunk(text.Length);
            text.CopyTo(own.Chars);
            own.Live = 1;
            ChunksInUse++;
            return new TextRef(own, 0, text.Length);
        }

        if (_used + text.Length > ChunkChars)
        {
            var full = _current;
            _current = _free.TryPop(out var reused) ? reused : new Chunk(ChunkChars);
            _used = 0;
            ChunksInUse++;
            if (full.Live == 0)
                Release(full);
        }

        text.CopyTo(_current.Chars.AsSpan(_used));
        _current.Live++;
        var added = new TextRef(_current, _used, text.Length);
        _used += text.Length;
        return added;
    }

    /// <summary>Forgets a value; its chunk is reused once none of its values is left.</summary>
    public void Remove(TextRef text)
    {
        if (--text.Chunk.Live == 0 && text.Chunk != _current)
            Release(text.Chunk);
    }

    private void Release(Chunk chunk)
    {
        ChunksInUse--;
        // Chunks of a single large value are left to the collector; shared ones are kept for reuse.
        if (chunk.Chars.Length == ChunkChars)
            _free.Push(chunk);
    }

    internal sealed class Chunk(int length)
    {
        public char[] Chars { get; } = new char[length];

        public int Live { get; set; }
    }
}

/// <summary>Where a value's text is in a <see cref="TextSlab"/>.</summary>
internal readonly record struct TextRef(TextSlab.Chunk Chunk, int Offset, int Length)
{
    public ReadOnlySpan<char> Span => Chunk.Chars.AsSpan(Offset, Length);

    public override string ToString() => new(Span);
}
