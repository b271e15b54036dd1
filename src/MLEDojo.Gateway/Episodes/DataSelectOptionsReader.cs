using MLEDojo.Abstractions;
using MLEDojo.DataSelect;
using MLEDojo.Gateway.Wire;

namespace MLEDojo.Gateway.Episodes;

/// <summary>A data-select reset's fields to <see cref="EpisodeOptions"/>: task_id (default easy, as the original), seed (default 42), agent_name, time budget.</summary>
internal static class DataSelectOptionsReader
{
    public static EpisodeOptions Read(ResetRequest request)
    {
        if (request.Competition is not null)
            throw GatewayError.Validation("competition belongs to env \"mle\"; a data-select episode names a task_id (easy, medium, hard).", "$.competition");
        var taskId = request.TaskId ?? DataSelectTask.Easy.Id;
        if (DataSelectTask.Find(taskId) is null)
            throw GatewayError.Validation($"Unknown task_id '{taskId}'; one of {string.Join(", ", DataSelectTask.Ids)}.", "$.task_id");
        if (request.Seed is < 0)
            throw GatewayError.Validation($"seed must be >= 0; got {request.Seed}.", "$.seed");
        var wire = request.Options ?? new ResetOptions();
        // The task fixes the budget and the step limit; an option that would change them must not be silently ignored.
        var ignored = new (object? Value, string Name)[]
        {
            (wire.MaxSteps, "max_steps"), (wire.ExecutionTimeoutS, "execution_timeout_s"), (wire.MemoryLimitMb, "memory_limit_mb"),
            (wire.GpuMemoryLimitMb, "gpu_memory_limit_mb"), (wire.ScoreMode, "score_mode"), (wire.RewardMode, "reward_mode"),
            (wire.ResourceClass, "resource_class"),
        };
        foreach (var (value, name) in ignored)
        {
            if (value is not null)
                throw GatewayError.Validation($"Option {name} does not apply to env \"data-select\" (the task sets its budget and step limit); options: agent_name, episode_time_budget_s.", "$.options." + name);
        }
        var options = EpisodeOptions.DataSelect(taskId, request.Seed ?? DataSelectConfig.DefaultSeed);
        return options with
        {
            AgentName = wire.AgentName ?? options.AgentName,
            EpisodeTimeBudget = EpisodeOptionsReader.Seconds(wire.EpisodeTimeBudgetS, "episode_time_budget_s") ?? options.EpisodeTimeBudget,
        };
    }
}
