using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena.Grains;

[GenerateSerializer]
public sealed class ArenaBoardState
{
    [Id(0)] public Dictionary<string, BoardEntry> Entries { get; set; } = [];
}

/// <summary>The active submissions' episodes, persisted before each change is acknowledged; leaderboards are computed from them.</summary>
public sealed class ArenaBoardGrain([PersistentState("board", ArenaStorage.Name)] IPersistentState<ArenaBoardState> state) : Grain, IArenaBoardGrain
{
    public async Task Record(BoardEntry entry)
    {
        if (state.State.Entries.TryGetValue(entry.SubmissionId, out var known) && known == entry) return;
        state.State.Entries[entry.SubmissionId] = entry;
        await state.WriteStateAsync();
    }

    public async Task Remove(string submissionId)
    {
        if (state.State.Entries.Remove(submissionId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<BoardEntry>> Entries() => Task.FromResult<IReadOnlyList<BoardEntry>>(state.State.Entries.Values.ToArray());
}
