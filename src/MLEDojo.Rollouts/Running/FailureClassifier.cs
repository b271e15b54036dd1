using MLEDojo.Agents;
using MLEDojo.Client;
using MLEDojo.Rollouts.Targets;

namespace MLEDojo.Rollouts.Running;

/// <summary>An execution that failed on the grid's side (the interpreter would not start, the device vanished).</summary>
public sealed class InfrastructureStepException(string message) : Exception(message);

/// <summary>
/// Which failures are the platform's (retried with a fresh episode, never trained on) rather than the policy's or a
/// bug's (recorded, not retried): the grid or the model server unreachable, overloaded or failing to answer.
/// </summary>
public static class FailureClassifier
{
    public static bool IsInfrastructure(Exception e) => e switch
    {
        InfrastructureStepException or AgentInfrastructureException => true,
        RemoteGridException remote => remote.IsInfrastructure,
        HttpRequestException or TimeoutException => true,
        OrleansException => true,
        _ => StepRetryPolicy.IsTransient(e),
    };

    /// <summary>A short class name for logs and the failures file.</summary>
    public static string ClassOf(Exception e) => IsInfrastructure(e) ? "infrastructure" : e.GetType().Name;
}
