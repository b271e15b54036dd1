namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// The SQLite journal writer's memory of its service's rows in the log (which has no index to ask): each key's
/// request id, to refuse a second request under a taken key; the rows in sequence order, to forget them once the
/// mover has them in the index and the writer deleted them; and what was appended since the last move was asked for,
/// by which <see cref="SqliteLogMoves"/> decides the next one.
/// </summary>
internal sealed class SqliteLoggedKeys
{
    private readonly Dictionary<(string Episode, long Epoch, int Step), (string RequestId, long Seq)> _keys = [];
    private readonly Queue<(long Seq, (string, long, int) Key)> _bySeq = new();
    private readonly Dictionary<string, int> _perEpisode = [];
    private readonly Dictionary<string, int> _unrequestedPerEpisode = [];

    /// <summary>The highest sequence number logged (0 when none).</summary>
    public long LastSeq { get; private set; }

    /// <summary>Rows logged since a move was last asked for.</summary>
    public int UnrequestedRows { get; private set; }

    /// <summary>Episodes among <see cref="UnrequestedRows"/>.</summary>
    public int UnrequestedEpisodes => _unrequestedPerEpisode.Count;

    public int Count => _keys.Count;

    public bool TryGet((string Episode, long Epoch, int Step) key, out string requestId)
    {
        var found = _keys.TryGetValue(key, out var entry);
        requestId = entry.RequestId;
        return found;
    }

    /// <summary>A row the log holds, appended in sequence order.</summary>
    public void Add((string Episode, long Epoch, int Step) key, string requestId, long seq)
    {
        if (!_keys.TryAdd(key, (requestId, seq))) return;
        _bySeq.Enqueue((seq, key));
        LastSeq = Math.Max(LastSeq, seq);
        _perEpisode[key.Episode] = _perEpisode.GetValueOrDefault(key.Episode) + 1;
        _unrequestedPerEpisode[key.Episode] = _unrequestedPerEpisode.GetValueOrDefault(key.Episode) + 1;
        UnrequestedRows++;
    }

    /// <summary>A move up to <see cref="LastSeq"/> was asked for.</summary>
    public void MarkRequested()
    {
        UnrequestedRows = 0;
        _unrequestedPerEpisode.Clear();
    }

    /// <summary>The log's rows up to <paramref name="seq"/> were deleted (the index has them).</summary>
    public void ReleaseUpTo(long seq)
    {
        while (_bySeq.TryPeek(out var head) && head.Seq <= seq)
        {
            _bySeq.Dequeue();
            Remove(head.Key, head.Seq);
        }
    }

    /// <summary>The log's rows of the episode's epochs before <paramref name="epoch"/> were deleted.</summary>
    public void RemoveEpochsBefore(string episodeId, long epoch)
    {
        if (!_perEpisode.ContainsKey(episodeId)) return;
        foreach (var (key, entry) in _keys.Where(k => k.Key.Episode == episodeId && k.Key.Epoch < epoch).ToList()) Remove(key, entry.Seq);
    }

    public void Clear()
    {
        _keys.Clear();
        _bySeq.Clear();
        _perEpisode.Clear();
        MarkRequested();
        LastSeq = 0;
    }

    // A key's entry in the sequence queue may outlive it (trimmed earlier): only the entry with its own seq removes it.
    private void Remove((string Episode, long Epoch, int Step) key, long seq)
    {
        if (!_keys.TryGetValue(key, out var entry) || entry.Seq != seq) return;
        _keys.Remove(key);
        if (--_perEpisode[key.Episode] == 0) _perEpisode.Remove(key.Episode);
    }
}
