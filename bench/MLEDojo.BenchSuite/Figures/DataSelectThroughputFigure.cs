using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.Client;
using MLEDojo.DataSelect;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 8: DataSelect steps/s with many concurrent episodes on one silo, each played with the balanced baseline's
/// action through the .NET client and every step persisted, beside the same steps on the plain library
/// (<see cref="DataSelectEnvironment"/>, same episodes, same concurrency, same run): the grid's cost over the work itself.
/// </summary>
public sealed class DataSelectThroughputFigure(DataSelectThroughputFigure.Sizes? sizes = null) : IBenchFigure
{
    public sealed record Sizes(int Episodes, TimeSpan Duration)
    {
        public static Sizes Quick { get; } = new(256, TimeSpan.FromSeconds(3));
        public static Sizes Full { get; } = new(1000, TimeSpan.FromSeconds(20));
    }

    private const string TaskId = "easy";
    /// <summary>The balanced baseline's action (FixedAgent.Balanced).</summary>
    private static readonly (int Batch, double Uncertainty, double Diversity, double Random) Balanced = (10, 0.4, 0.4, 0.2);

    public int Number => 8;

    public string Title => "DataSelect steps/s, concurrent episodes on one silo vs the plain library";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = sizes ?? (context.Quick ? Sizes.Quick : Sizes.Full);
        var library = await LibraryAsync(size, context.Warmup, cancellationToken);
        context.Log.WriteLine($"[8] library x{size.Episodes}: {library}");

        await using var silo = await BenchSilo.StartAsync(context.WorkDirectory, "dataselect", cancellationToken);
        var client = new DojoClient(silo.Grains);
        var pool = await EpisodePool.OpenAsync(client, size.Episodes, (worker, n) => EpisodeOptions.DataSelect(TaskId, Seed(worker, n), "bench"), cancellationToken);
        var action = EpisodeAction.SelectBatch(Balanced.Batch, Balanced.Uncertainty, Balanced.Diversity, Balanced.Random);
        var grid = await ClosedLoop.RunAsync(size.Episodes, size.Duration, i => pool.StepAsync(i, action), pool.ReplaceIfDoneAsync, cancellationToken, context.Warmup);
        context.Log.WriteLine($"[8] grid x{size.Episodes}: {grid}; episodes opened {pool.Opened}");
        if (grid.Errors > 0) throw new InvalidOperationException($"{grid.Errors} DataSelect steps were refused by the grid.");
        var appends = await JournalAppendProbe.RunAsync(Path.Combine(context.WorkDirectory, "probe"), Math.Min(size.Episodes, ClientThroughputFigure.JournalAppenders),
            await JournalRecordSize.MeanBytesAsync(silo.DatabasePath, cancellationToken), TimeSpan.FromSeconds(Math.Min(5, size.Duration.TotalSeconds)), context.Warmup, cancellationToken);
        context.Log.WriteLine($"[8] journal appends: {appends}");
        var rows = Rows(size.Episodes, grid, library).Append(JournalAppendProbe.Row($"DataSelect steps/s, {size.Episodes} episodes, against the journal", grid.PerSecond, appends)).ToArray();
        return new FigureResult(Number, Title, rows, TimeSpan.Zero,
            Note: $"task {TaskId}, balanced action; an episode that ends is replaced by a new one (untimed, inside the run's wall clock) on both sides");
    }

    /// <summary>The same episodes and steps on <see cref="DataSelectEnvironment"/>, each step off the caller as the grain runs it.</summary>
    private static async Task<LoadSample> LibraryAsync(Sizes size, TimeSpan warmup, CancellationToken cancellationToken)
    {
        var task = DataSelectTask.Get(TaskId);
        var opened = new int[size.Episodes];
        var environments = await Task.Run(() => Enumerable.Range(0, size.Episodes).Select(i => DataSelectEnvironment.Reset(task, Seed(i, opened[i]++))).ToArray(), cancellationToken);
        var action = DataSelectAction.Select(Balanced.Batch, Balanced.Uncertainty, Balanced.Diversity, Balanced.Random);
        return await ClosedLoop.RunAsync(size.Episodes, size.Duration,
            i => Task.Run(() =>
            {
                environments[i].Step(action);
                return true;
            }),
            i => environments[i].Done ? Task.Run(() => environments[i] = DataSelectEnvironment.Reset(task, Seed(i, opened[i]++))) : Task.CompletedTask,
            cancellationToken, warmup);
    }

    private static int Seed(int worker, int episode) => worker * 1000 + episode;

    public static IReadOnlyList<FigureRow> Rows(int episodes, LoadSample grid, LoadSample library) =>
    [
        new FigureRow($"DataSelect steps/s, {episodes} episodes on the grid", grid.PerSecond, "steps/s", $"plain library steps/s, {episodes} episodes", library.PerSecond, "steps/s"),
        new FigureRow($"DataSelect step latency p50, {episodes} episodes", grid.P50Ms, "ms", "plain library p50", library.P50Ms, "ms"),
        new FigureRow($"DataSelect step latency p99, {episodes} episodes", grid.P99Ms, "ms", "plain library p99", library.P99Ms, "ms"),
    ];
}
