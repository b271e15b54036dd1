using MLEDojo.Agents;

namespace MLEDojo.Arena.Grains.Running;

/// <summary>
/// Wraps an agent so that what it throws is known to be its own failure (<see cref="AgentCrashedException"/>), apart
/// from the grid's; an unreachable model server stays an infrastructure failure and is retried.
/// </summary>
internal sealed class AttributedAgent(IDojoAgent inner) : IDojoAgent
{
    public string Name => inner.Name;

    public void Reset(AgentEpisode episode)
    {
        try { inner.Reset(episode); }
        catch (Exception e) { throw new AgentCrashedException(e); }
    }

    public async Task<AgentDecision> ActAsync(AgentTurn turn, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ActAsync(turn, cancellationToken);
        }
        catch (Exception e) when (e is not (AgentInfrastructureException or OperationCanceledException))
        {
            throw new AgentCrashedException(e);
        }
    }
}
