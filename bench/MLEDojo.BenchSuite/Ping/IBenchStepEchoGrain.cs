using MLEDojo.Abstractions;

namespace MLEDojo.BenchSuite.Ping;

/// <summary>
/// A call shaped like an episode step (an action and a request id in, a whole <see cref="StepResult"/> out) answered
/// from memory: no episode, no history, no storage. Set beside the raw ping, it shows what Orleans itself charges for
/// carrying a step's messages; set beside the real steps, what the episode's own work and persistence add.
/// </summary>
public interface IBenchStepEchoGrain : IGrainWithIntegerKey
{
    /// <summary>Keeps <paramref name="answer"/> to give back to every later step (each under its own request id).</summary>
    Task Remember(StepResult answer);

    Task<StepResult> Step(EpisodeAction action, string? requestId = null, CancellationToken cancellationToken = default);
}

public sealed class BenchStepEchoGrain : Grain, IBenchStepEchoGrain
{
    private StepResult? _answer;

    public Task Remember(StepResult answer)
    {
        _answer = answer;
        return Task.CompletedTask;
    }

    public Task<StepResult> Step(EpisodeAction action, string? requestId = null, CancellationToken cancellationToken = default) =>
        _answer is null
            ? Task.FromException<StepResult>(new InvalidOperationException("The echo grain was given no answer to give back."))
            : Task.FromResult(_answer with { RequestId = requestId ?? RequestIds.New() });
}
