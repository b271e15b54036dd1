using MLEDojo.Abstractions;
using Orleans.Serialization;

namespace MLEDojo.Grains.Episodes;

/// <summary>
/// An episode's steps since its last reset, in order, each kept serialized. A step's entry is read again only for a
/// retried request id and for get_history, while every entry stays in memory for the episode's life: as objects, an
/// entry was a dozen small ones (action, result, observation, strings, a dictionary) that each garbage collection
/// had to trace and copy. Measured at 64 episodes stepping at once, collections paused the silo about twice as long
/// (docs/BENCHMARKS.md).
/// </summary>
public sealed class EpisodeHistory
{
    private readonly List<byte[]> _entries = [];

    public int Count => _entries.Count;

    /// <summary>The last step's action, or null before the first step.</summary>
    public ActionType? LastAction { get; private set; }

    public void Add(HistoryEntry entry, Serializer serializer)
    {
        if (entry.Step != _entries.Count + 1)
            throw new ArgumentException($"Step {entry.Step} cannot follow step {_entries.Count}.", nameof(entry));
        _entries.Add(serializer.SerializeToArray(entry));
        LastAction = entry.Action.Type;
    }

    /// <summary>Step <paramref name="step"/> (from 1) as it was recorded.</summary>
    public HistoryEntry Entry(int step, Serializer serializer) => Decode(step, serializer);

    /// <summary>The first <paramref name="count"/> steps, in order.</summary>
    public HistoryEntry[] Entries(int count, Serializer serializer)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _entries.Count);
        var entries = new HistoryEntry[count];
        for (var i = 0; i < count; i++) entries[i] = Decode(i + 1, serializer);
        return entries;
    }

    private HistoryEntry Decode(int step, Serializer serializer) =>
        serializer.Deserialize<HistoryEntry>(_entries[step - 1]) ?? throw new InvalidOperationException($"Step {step} of the history is empty.");
}
