namespace MLEDojo.Abstractions;

public enum ScoreMode { Position, Raw }

/// <summary>What an execute_code step is rewarded with.</summary>
public enum RewardMode
{
    /// <summary>MLE-Dojo's reward: the submission's own score (position score, or sign-corrected raw score).</summary>
    Score,
    /// <summary>How much the submission improved on the episode's best so far (0 when it did not).</summary>
    Improvement,
}

public enum ResourceClass { Cpu, Gpu }

/// <summary>Which environment an episode plays: an MLE-Dojo competition, or DataSelect (data curation under a labelling budget).</summary>
public enum EnvironmentKind { Mle, DataSelect }

/// <summary>
/// How an episode runs. Every limit is bounded by the silo's configured maxima when the episode resets. An
/// <see cref="EnvironmentKind.Mle"/> episode names a <see cref="Competition"/>; a <see cref="EnvironmentKind.DataSelect"/>
/// episode names a <see cref="TaskId"/> (easy, medium, hard), which sets its step limit, and a <see cref="Seed"/> (default 42).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EpisodeOptions
{
    [Id(0)] public string Competition { get; init; } = "";
    [Id(1)] public ScoreMode ScoreMode { get; init; } = ScoreMode.Position;
    [Id(2)] public RewardMode RewardMode { get; init; } = RewardMode.Score;
    [Id(3)] public int MaxSteps { get; init; } = 50;
    [Id(4)] public TimeSpan ExecutionTimeout { get; init; } = TimeSpan.FromMinutes(10);
    [Id(5)] public TimeSpan EpisodeTimeBudget { get; init; } = TimeSpan.FromHours(12);
    [Id(6)] public ResourceClass ResourceClass { get; init; } = ResourceClass.Cpu;
    [Id(7)] public string AgentName { get; init; } = "anonymous";
    [Id(8)] public int? Seed { get; init; }
    /// <summary>Memory for each execution (MiB); null: the competition's or the silo's default. At most the silo's sandbox.maxMemoryMb.</summary>
    [Id(9)] public int? MemoryMb { get; init; }
    /// <summary>CPU quota for each execution (cores); null: the default. At most sandbox.maxCpus.</summary>
    [Id(10)] public double? Cpus { get; init; }
    /// <summary>GPU memory cap for each GPU execution (MiB); null: the default. At most sandbox.maxGpuMemoryMb.</summary>
    [Id(11)] public int? GpuMemoryMb { get; init; }
    [Id(12)] public EnvironmentKind Env { get; init; } = EnvironmentKind.Mle;
    /// <summary>The DataSelect task: easy, medium or hard.</summary>
    [Id(13)] public string? TaskId { get; init; }

    /// <summary>Options for a DataSelect episode on <paramref name="taskId"/>.</summary>
    public static EpisodeOptions DataSelect(string taskId, int seed = 42, string agentName = "anonymous") =>
        new() { Env = EnvironmentKind.DataSelect, TaskId = taskId, Seed = seed, AgentName = agentName };
}
