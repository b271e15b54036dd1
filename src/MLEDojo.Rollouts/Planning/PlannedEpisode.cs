using System.Text.RegularExpressions;

namespace MLEDojo.Rollouts.Planning;

/// <summary>
/// One episode a rollout owes: repetition <see cref="Repetition"/> of group (competition, agent, seed). Its id is a
/// function of the run and these coordinates only, so a rerun of the run recognizes the episodes it already has.
/// </summary>
public sealed partial record PlannedEpisode(string RunId, string Env, string Competition, string Agent, int Seed, int Repetition)
{
    /// <summary>The group, as GRPO-style trainers batch them: every repetition of one (competition, agent, seed).</summary>
    public string GroupId => $"{Competition}.{Slug(Agent)}.s{Seed}";

    public string EpisodeId => $"{RunId}.{GroupId}.r{Repetition}";

    /// <summary>
    /// The id on the grid for one attempt. Attempts differ (a fresh episode after an infrastructure failure, or after
    /// a rerun found the episode unfinished), because a grid episode that was played partly cannot be played again.
    /// </summary>
    public string GridEpisodeId(int invocation, int attempt) => $"{EpisodeId}.i{invocation}a{attempt}";

    /// <summary>A name that can be part of a folder name: anything but letters, digits, '_', '.' and '-' becomes '-'.</summary>
    public static string Slug(string name) => Unsafe().Replace(name, "-");

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex Unsafe();
}
