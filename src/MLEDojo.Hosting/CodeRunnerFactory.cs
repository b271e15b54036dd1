using MLEDojo.Execution;
using MLEDojo.Execution.Sandbox;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Hosting;

/// <summary>
/// The silo's default code runner: the sandbox when this machine can have one; otherwise, only where the
/// configuration says sandbox.allowUnisolated, the unisolated runner (with a loud warning at start and in every
/// result); otherwise a runner that refuses every execution, saying why, as an infrastructure failure.
/// </summary>
public static class CodeRunnerFactory
{
    public static async Task<ICodeRunner> CreateAsync(DojoSiloOptions options, ILogger logger)
    {
        var limits = ExecutionLimitsFactory.Create(options);
        var setup = await SandboxedCodeRunner.CreateAsync(limits, ExecutionLimitsFactory.Sandbox(options)).ConfigureAwait(false);
        if (setup.Runner is { } sandbox)
        {
            logger.LogInformation("Agent code runs sandboxed: {Isolation}", sandbox.Description);
            foreach (var swept in sandbox.SweptAtStart)
                logger.LogWarning("Start-up sweep: killed the leftovers of a crashed silo: {Run}", swept);
            return sandbox;
        }
        var why = string.Join(" ", setup.Problems);
        if (options.Sandbox.AllowUnisolated)
        {
            logger.LogCritical("THE SANDBOX IS UNAVAILABLE ({Problems}) AND sandbox.allowUnisolated IS SET: AGENT CODE RUNS UNISOLATED, " +
                "WITH THIS SILO'S RIGHTS, FILES AND NETWORK. FOR DEVELOPMENT ONLY.", why);
            return new ProcessCodeRunner(limits);
        }
        logger.LogCritical("The sandbox is unavailable ({Problems}); this silo refuses to execute code. Install bubblewrap and run the " +
            "silo as root on a machine with cgroups, or set sandbox.allowUnisolated for development.", why);
        return new RefusingCodeRunner($"This silo refuses to execute code: the sandbox is unavailable ({why}). " +
            "Its operator must install bubblewrap and run it as root with cgroups, or allow unisolated development mode (sandbox.allowUnisolated).");
    }
}
