using MLEDojo.Abstractions.Arena;

namespace MLEDojo.Arena.Grains;

[GenerateSerializer]
public sealed class ArenaOwnerState
{
    [Id(0)] public List<string> Submissions { get; set; } = [];
    /// <summary>Submissions holding an active slot: queued, running or active.</summary>
    [Id(1)] public HashSet<string> Active { get; set; } = [];
    /// <summary>When each deploy of the last 24 hours was made.</summary>
    [Id(2)] public List<DateTimeOffset> Deploys { get; set; } = [];
}

/// <summary>One owner's submissions and limits. Reserving is idempotent per submission, so a retried deploy never takes two slots.</summary>
public sealed class ArenaOwnerGrain([PersistentState("owner", ArenaStorage.Name)] IPersistentState<ArenaOwnerState> state, TimeProvider clock)
    : Grain, IArenaOwnerGrain
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public async Task Created(string submissionId)
    {
        if (state.State.Submissions.Contains(submissionId)) return;
        state.State.Submissions.Add(submissionId);
        await state.WriteStateAsync();
    }

    public async Task<(string? Refusal, ArenaLimits Limits)> TryReserve(string submissionId, int maxActive, int dailyDeploys)
    {
        var now = clock.GetUtcNow();
        state.State.Deploys.RemoveAll(at => now - at >= Day);
        if (state.State.Active.Contains(submissionId)) return (null, Limits(maxActive, dailyDeploys, now));

        string? refusal = null;
        if (state.State.Active.Count >= maxActive)
            refusal = $"You have {state.State.Active.Count} active submissions (queued, running or active) and the limit is {maxActive}: delete one to deploy another.";
        else if (state.State.Deploys.Count >= dailyDeploys)
            refusal = $"You have made {state.State.Deploys.Count} deploys in the last 24 hours and the limit is {dailyDeploys}: the next is possible at {state.State.Deploys.Min() + Day:u}.";
        if (refusal is null)
        {
            state.State.Active.Add(submissionId);
            state.State.Deploys.Add(now);
            await state.WriteStateAsync();
        }
        return (refusal, Limits(maxActive, dailyDeploys, now));
    }

    public async Task Release(string submissionId)
    {
        if (state.State.Active.Remove(submissionId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> Submissions() => Task.FromResult<IReadOnlyList<string>>(state.State.Submissions.ToArray());

    private ArenaLimits Limits(int maxActive, int dailyDeploys, DateTimeOffset now)
    {
        var used = state.State.Deploys.Count;
        return new ArenaLimits
        {
            MaxActiveSubmissions = maxActive,
            ActiveSubmissions = state.State.Active.Count,
            DailyDeployLimit = dailyDeploys,
            DailyDeployUsed = used,
            NextDeployAvailableAt = used < dailyDeploys ? now : state.State.Deploys.Min() + Day,
            CanDeploy = used < dailyDeploys && state.State.Active.Count < maxActive,
        };
    }
}
