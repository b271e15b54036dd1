using MLEDojo.Abstractions;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Info;
using MLEDojo.Competitions.Leaderboards;

namespace MLEDojo.Grains.Competitions;

/// <summary>
/// One competition (key: its name): describes it, answers request_info from its public files, keeps the live
/// leaderboard of episodes' best submissions, its owner and its tags (persisted in the "competitions" storage).
/// </summary>
public sealed class CompetitionGrain(
    CompetitionSource competitions,
    InfoProviders info,
    [PersistentState("competition", "competitions")] IPersistentState<CompetitionState> state) : Grain, ICompetitionGrain
{
    private Competition? _competition;
    private Lazy<Task<KaggleBoards>>? _boards;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _competition = await competitions.GetAsync(this.GetPrimaryKeyString());
        // The shipped boards never change while the competition is served: read once, off the scheduler.
        _boards = new Lazy<Task<KaggleBoards>>(() => Task.Run(() => ReadBoards(Competition)));
    }

    private Competition Competition => _competition!;

    public async Task<CompetitionSummary> Describe()
    {
        var boards = await _boards!.Value;
        return new CompetitionSummary
        {
            Name = Competition.Name,
            Family = Competition.Spec.Family,
            HigherIsBetter = Competition.HigherIsBetter,
            Category = Competition.Metadata.Category,
            Level = Competition.Metadata.Level,
            Unavailability = Competition.Unavailability,
            PrivateBoardSize = boards.PrivateSize,
            PublicBoardSize = boards.PublicSize,
            Tags = state.State.Tags?.ToArray() ?? Competition.Metadata.Tags,
            Owner = state.State.Owner,
            Title = Competition.Metadata.Title,
            Tldr = Competition.Metadata.Tldr,
        };
    }

    /// <summary>Throws <see cref="InfoException"/> for an unknown type; the episode turns that into a step error.</summary>
    public Task<IReadOnlyDictionary<string, string>> GetInfo(string infoType, string outputDirectory) =>
        Task.Run(() => info.Get(infoType, new InfoContext(Competition, outputDirectory)));

    public async Task<CompetitionInfo> Info(string infoType)
    {
        if (!info.Types.Contains(infoType))
            return new CompetitionInfo { Error = $"Unknown info type '{infoType}'. Valid types: {string.Join(", ", info.Types)}.", Types = info.Types };
        try
        {
            // Outside an episode there is no output folder; output_path says so instead of naming one.
            return new CompetitionInfo { Info = await GetInfo(infoType, "(the episode's output folder)"), Types = info.Types };
        }
        catch (InfoException e)
        {
            return new CompetitionInfo { Error = e.Message, Types = info.Types };
        }
    }

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

    public async Task<KaggleBoards> GetKaggleBoards(int top)
    {
        var boards = await _boards!.Value;
        return boards with { Private = boards.Private.Take(Math.Max(0, top)).ToArray(), Public = boards.Public.Take(Math.Max(0, top)).ToArray() };
    }

    public async Task<string> Claim(string owner)
    {
        if (state.State.Owner is null)
        {
            state.State.Owner = owner;
            await state.WriteStateAsync();
        }
        return state.State.Owner;
    }

    public async Task<CompetitionSummary> SetTags(IReadOnlyList<string> tags)
    {
        state.State.Tags = tags.ToList();
        await state.WriteStateAsync();
        return await Describe();
    }

    private bool IsBetter(double candidate, double incumbent) =>
        Competition.HigherIsBetter ? candidate > incumbent : candidate < incumbent;

    /// <summary>Each board in its best-first order (ranks 1..N); a missing board is empty, and so is one that cannot be read (scoring reports that).</summary>
    private static KaggleBoards ReadBoards(Competition competition)
    {
        KaggleBoardRow[] Rows(string path, string name)
        {
            if (!File.Exists(path)) return [];
            try
            {
                return Leaderboard.Load(path, name, competition.HigherIsBetter).BoardOrder.Select((score, i) => new KaggleBoardRow(i + 1, score)).ToArray();
            }
            catch (CompetitionDataException)
            {
                return [];
            }
        }
        var privateBoard = Rows(competition.PrivateLeaderboardPath, "private");
        var publicBoard = Rows(competition.PublicLeaderboardPath, "public");
        return new KaggleBoards { Private = privateBoard, Public = publicBoard, PrivateSize = privateBoard.Length, PublicSize = publicBoard.Length };
    }
}
