namespace Portal.Core.Outbox;

/// <summary>
/// The kinds of outbox work this instance can deliver, as the features registered them, grouped by lane.
/// A row of a kind not in the table (written by a newer version during a rolling upgrade) is left for an
/// instance that knows it.
/// </summary>
public sealed class OutboxWorkTable
{
    private readonly Dictionary<string, IOutboxWork> _byKind = new(StringComparer.Ordinal);

    public OutboxWorkTable(IEnumerable<IOutboxWork> works)
    {
        foreach (var work in works)
        {
            // Two features claiming one kind would deliver each other's rows: refuse to start instead.
            if (!_byKind.TryAdd(work.Kind, work))
                throw new InvalidOperationException($"Two outbox works claim the kind '{work.Kind}': {_byKind[work.Kind].GetType().Name} and {work.GetType().Name}.");
        }
        Lanes = _byKind.Values.GroupBy(w => w.Lane)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(w => w.Kind).Order(StringComparer.Ordinal).ToList());
        Kinds = _byKind.Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every lane that has work, with the kinds delivered in it.</summary>
    public IReadOnlyDictionary<OutboxLane, IReadOnlyList<string>> Lanes { get; }

    /// <summary>Every kind this instance delivers.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>The work of <paramref name="kind"/>, or null when this instance does not know it.</summary>
    public IOutboxWork? Find(string kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>The deadline of <paramref name="row"/>, or null when its kind is unknown here.</summary>
    public OutboxDeadline? DeadlineOf(OutboxItem row) => Find(row.Kind)?.DeadlineOf(row);

    /// <summary>What operators read for <paramref name="kind"/>: its label, or the stored kind when unknown.</summary>
    public string LabelOf(string kind) => Find(kind)?.Label ?? kind;
}
