using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Infrastructure;

namespace MLEDojo.BenchSuite.Ping;

/// <summary>Step-shaped calls answered from memory in a closed loop, one echo grain per worker (as each episode is its own grain).</summary>
public static class EchoLoad
{
    /// <param name="answer">The answer every call gets back: a real step's, so the messages are as large as a step's.</param>
    public static async Task<LoadSample> RunAsync(IGrainFactory grains, int workers, EpisodeAction action, StepResult answer, TimeSpan duration,
        TimeSpan warmup, CancellationToken cancellationToken)
    {
        var targets = Enumerable.Range(0, workers).Select(i => grains.GetGrain<IBenchStepEchoGrain>(i)).ToArray();
        await Task.WhenAll(targets.Select(t => t.Remember(answer)));
        return await ClosedLoop.RunAsync(workers, duration, async i =>
        {
            // A fresh request id per call, as the client's session sends one with every step.
            var requestId = RequestIds.New();
            return (await targets[i].Step(action, requestId)).RequestId == requestId;
        }, cancellationToken: cancellationToken, warmup: warmup);
    }
}
