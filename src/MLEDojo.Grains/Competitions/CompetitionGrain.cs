using MLEDojo.Abstractions;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Info;

namespace MLEDojo.Grains.Competitions;

/// <summary>
/// One competition (key: its name): describes it, answers request_info from its public files, and keeps the
/// live leaderboard of episodes' best submissions (persisted in the "competitions" storage). A reminder snapshots
/// the board periodically while it has entries; reminders are durable (PostgreSQL in a cluster), so snapshots go on
/// whichever silo the competition lives on after a failure.
/// </summary>
public sealed class CompetitionGrain(
    CompetitionSource competitions,
    InfoProviders info,
    GridOptions grid,
    [PersistentState("competition", "competitions")] IPersistentState<CompetitionState> state) : Grain, ICompetitionGrain, IRemindable
{
    public const string SnapshotReminder = "leaderboard-snapshot";

    private Competition? _competition;
    private bool _reminderEnsured;

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
        state.State.Revision++;
        await state.WriteStateAsync();
        await EnsureSnapshotReminderAsync();
    }

    public Task<IReadOnlyList<LeaderboardSnapshot>> GetLeaderboardSnapshots() =>
        Task.FromResult<IReadOnlyList<LeaderboardSnapshot>>(state.State.Snapshots.ToArray());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SnapshotReminder || state.State.SnapshotRevision == state.State.Revision) return;
        var snapshots = grid.LeaderboardSnapshots;
        state.State.Snapshots.Add(new LeaderboardSnapshot
        {
            At = DateTimeOffset.UtcNow,
            Top = Ordered().Take(snapshots.Top).ToArray(),
            Entries = state.State.BestByEpisode.Count,
        });
        if (state.State.Snapshots.Count > snapshots.Kept)
            state.State.Snapshots.RemoveRange(0, state.State.Snapshots.Count - snapshots.Kept);
        state.State.SnapshotRevision = state.State.Revision;
        await state.WriteStateAsync();
    }

    // Registering writes the reminder table, so once per activation is enough: the row outlives the activation.
    private async Task EnsureSnapshotReminderAsync()
    {
        var period = grid.LeaderboardSnapshots.Period;
        if (_reminderEnsured || period <= TimeSpan.Zero) return;
        await this.RegisterOrUpdateReminder(SnapshotReminder, period, period);
        _reminderEnsured = true;
    }

    public Task<IReadOnlyList<LeaderboardEntry>> GetLeaderboard(int top) =>
        Task.FromResult<IReadOnlyList<LeaderboardEntry>>(Ordered().Take(Math.Max(0, top)).ToArray());

    private IEnumerable<LeaderboardEntry> Ordered()
    {
        var ordered = Competition.HigherIsBetter
            ? state.State.BestByEpisode.Values.OrderByDescending(e => e.RawScore)
            : state.State.BestByEpisode.Values.OrderBy(e => e.RawScore);
        // Ties go to the earlier submission, as on Kaggle.
        return ordered.ThenBy(e => e.At);
    }

    private bool IsBetter(double candidate, double incumbent) =>
        Competition.HigherIsBetter ? candidate > incumbent : candidate < incumbent;

    // Board sizes are informational; the file's data rows (header excluded), 0 when the board is absent.
    private static int CountRows(string path) =>
        File.Exists(path) ? Math.Max(0, File.ReadLines(path).Count(l => l.Length > 0) - 1) : 0;
}
