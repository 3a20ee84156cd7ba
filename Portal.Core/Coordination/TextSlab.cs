using System.Runtime.InteropServices;

namespace Portal.Core.Coordination;

/// <summary>
/// Keeps the text of many short-lived values in a few large arrays instead of a string each.
/// </summary>
/// <remarks>
/// The in-process store holds every reply it sent for minutes, so that WeChat's retries get the same answer.
/// As strings, those replies were thousands of small objects surviving every young collection; the collector
/// copied each one twice and grew its young generation to cope, and its pauses set the webhook's tail latency.
/// Here each value is a range of a 256K-character chunk on the large-object heap, which a young collection never
/// copies. The store keeps its keys here too. A chunk returns to the free list when its last value is removed.
/// Not thread-safe: the store calls it under its lock.
/// </remarks>
internal sealed class TextSlab
{
    internal const int ChunkChars = 256 * 1024;

    // A value larger than this gets an array of its own rather than wasting the rest of a chunk.
    private const int LargestShared = ChunkChars / 8;

    // How many live values each chunk holds. Kept beside the chunks rather than in an object with them: a text's
    // reference then points only at a large array, never at a young object, so the store's big dictionary holds
    // nothing a young collection has to look at. (With a small chunk object in each reference, every entry of
    // the newest chunk pointed at a young object, and collections scanned the dictionary for them.)
    private readonly Dictionary<char[], int> _live = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<char[]> _free = new();
    private char[] _current;
    private int _used;

    public TextSlab()
    {
        _current = new char[ChunkChars];
        _live[_current] = 0;
    }

    public int ChunksInUse => _live.Count;

    public TextRef Add(ReadOnlySpan<char> text)
    {
        if (text.Length > LargestShared)
        {
            var own = text.ToArray();
            _live[own] = 1;
            return new TextRef(own, 0, text.Length);
        }

        if (_used + text.Length > ChunkChars)
        {
            var full = _current;
            _current = _free.TryPop(out var reused) ? reused : new char[ChunkChars];
            _used = 0;
            _live[_current] = 0;
            if (_live[full] == 0)
                Release(full);
        }

        text.CopyTo(_current.AsSpan(_used));
        CollectionsMarshal.GetValueRefOrNullRef(_live, _current)++;
        var added = new TextRef(_current, _used, text.Length);
        _used += text.Length;
        return added;
    }

    /// <summary>Forgets a value; its chunk is reused once none of its values is left.</summary>
    public void Remove(TextRef text)
    {
        ref var live = ref CollectionsMarshal.GetValueRefOrNullRef(_live, text.Chunk);
        if (--live == 0 && text.Chunk != _current)
            Release(text.Chunk);
    }

    private void Release(char[] chunk)
    {
        _live.Remove(chunk);
        // Chunks of a single large value are left to the collector; shared ones are kept for reuse.
        if (chunk.Length == ChunkChars)
            _free.Push(chunk);
    }
}

/// <summary>Where a value's text is in a <see cref="TextSlab"/>: a range of one of its chunks.</summary>
internal readonly record struct TextRef(char[] Chunk, int Offset, int Length)
{
    public ReadOnlySpan<char> Span => Chunk.AsSpan(Offset, Length);

    public override string ToString() => new(Span);
}
