using MLEDojo.Abstractions;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Info;

namespace MLEDojo.Grains.Competitions;

/// <summary>
/// One competition (key: its name): describes it, answers request_info from its public files, and keeps the
/// live leaderboard of episodes' best submissions (persisted in the "competitions" storage).
/// </summary>
public sealed class CompetitionGrain(
    CompetitionSource competitions,
    InfoProviders info,
    [PersistentState("competition", "competitions")] IPersistentState<CompetitionState> state) : Grain, ICompetitionGrain
{
    private Competition? _competition;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _competition = await competitions.GetAsync(this.GetPrimaryKeyString());

    private Competition Competition => _competition!;

    // Counting board rows reads files: off the scheduler.
    public Task<CompetitionSummary> Describe() => Task.Run(() => new CompetitionSummary
    {
        Name = Competition.Name,
        Family = Competition.Spec.Family,
        HigherIsBetter = Competition.HigherIsBetter,
        Category = Competition.Metadata.Category,
        Level = Competition.Metadata.Level,
        Unavailability = Competition.Unavailability,
        PrivateBoardSize = CountRows(Competition.PrivateLeaderboardPath),
        PublicBoardSize = CountRows(Competition.PublicLeaderboardPath),
    });

    /// <summary>Throws <see cref="InfoException"/> for an unknown type; the episode turns that into a step error.</summary>
    public Task<IReadOnlyDictionary<string, string>> GetInfo(string infoType, string outputDirectory) =>
        Task.Run(() => info.Get(infoType, new InfoContext(Competition, outputDirectory)));

    public async Task RecordBest(LeaderboardEntry entry)
    {
        if (state.State.BestByEpisode.TryGetValue(entry.EpisodeId, out var stored) && !IsBetter(entry.RawScore, stored.RawScore))
            return;
        state.State.BestByEpisode[entry.EpisodeId] = entry;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboard(int top)
    {
        var ordered = Competition.HigherIsBetter
            ? state.State.BestByEpisode.Values.OrderByDescending(e => e.RawScore)
            : state.State.BestByEpisode.Values.OrderBy(e => e.RawScore);
        // Ties go to the earlier submission, as on Kaggle.
        IReadOnlyList<LeaderboardEntry> board = ordered.ThenBy(e => e.At).Take(Math.Max(0, top)).ToArray();
        return Task.FromResult(board);
    }

    private bool IsBetter(double candidate, double incumbent) =>
        Competition.HigherIsBetter ? candidate > incumbent : candidate < incumbent;

    // Board sizes are informational; the file's data rows (header excluded), 0 when the board is absent.
    private static int CountRows(string path) =>
        File.Exists(path) ? Math.Max(0, File.ReadLines(path).Count(l => l.Length > 0) - 1) : 0;
}
