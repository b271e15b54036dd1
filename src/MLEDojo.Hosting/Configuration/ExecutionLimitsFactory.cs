using MLEDojo.Execution;

namespace MLEDojo.Hosting.Configuration;

/// <summary>The code runner's limits from the silo's configuration (python, limits.maxCapturedOutputBytes).</summary>
public static class ExecutionLimitsFactory
{
    public static ExecutionLimits Create(DojoSiloOptions options) => new()
    {
        Python = options.Python,
        MaxCapturedBytes = options.Limits.MaxCapturedOutputBytes,
    };
}
