using MLEDojo.Agents;

namespace MLEDojo.Arena.Grains.Running;

/// <summary>
/// Wraps an agent so that what it throws is known to be its own failure (<see cref="AgentCrashedException"/>), apart
/// from the grid's. A model server that keeps failing is the submitter's endpoint, so also the agent's
/// (<see cref="ModelEndpointFailedException"/>), never retried as the platform's.
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
        catch (AgentInfrastructureException e)
        {
            throw new ModelEndpointFailedException(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AgentCrashedException(e);
        }
    }
}
