using MLEDojo.Abstractions;

namespace MLEDojo.Agents;

/// <summary>
/// An agent that follows a fixed plan: each step's action is computed from the observations so far, and the episode
/// ends when the plan does. Subclasses list their plan; the turn bookkeeping lives here once.
/// </summary>
public abstract class ScriptedAgent : IDojoAgent
{
    private int _next;

    public abstract string Name { get; }

    protected AgentEpisode Episode { get; private set; } = new("", 0, 0, TimeSpan.Zero);

    public void Reset(AgentEpisode episode)
    {
        Episode = episode;
        _next = 0;
        OnReset();
    }

    public Task<AgentDecision> ActAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        if (_next > 0) Observe(_next - 1, turn.Last);
        var action = _next < PlanLength ? Plan(_next) : null;
        _next++;
        return Task.FromResult(action is null ? AgentDecision.Stop("plan_complete") : AgentDecision.Act(action));
    }

    protected abstract int PlanLength { get; }

    /// <summary>The action of plan step <paramref name="index"/>, or null to end early.</summary>
    protected abstract EpisodeAction? Plan(int index);

    /// <summary>The result of plan step <paramref name="index"/>.</summary>
    protected virtual void Observe(int index, StepResult result) { }

    protected virtual void OnReset() { }
}
