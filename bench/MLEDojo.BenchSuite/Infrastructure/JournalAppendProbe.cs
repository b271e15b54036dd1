using System.Globalization;
using MLEDojo.BenchSuite.Ping;
using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using MLEDojo.Hosting.Storage.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// What every step writes before it is answered, alone: the grid's episode step journal (the same group-commit
/// writer, SQLite schema and settings) in a scratch database, with as many appenders as episodes, each appending
/// its episode's next step with a record as large as the run's mean. A persisted step cannot outrun this.
/// With <c>appendOnly</c>, the journal never moves its log into the index: a durable append-only log, the least any
/// store that persists a step before answering it must do here.
/// </summary>
public static class JournalAppendProbe
{
    /// <summary>Moves that never come due: the log only grows (fine for a probe of seconds).</summary>
    private static readonly SqliteLogMoves NeverMoved = new(MinRows: int.MaxValue, RowsPerEpisode: 1, MaxRows: int.MaxValue);

    public static async Task<JournalAppends> RunAsync(string folder, int appenders, int recordBytes, TimeSpan duration, TimeSpan warmup,
        CancellationToken cancellationToken, bool appendOnly = false)
    {
        Directory.CreateDirectory(folder);
        var storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "probe.db")}" };
        await SqliteGrainStorageSchema.EnsureCreatedAsync(storage.ConnectionString, cancellationToken);
        var payload = new byte[recordBytes];
        Random.Shared.NextBytes(payload);
        var steps = new int[appenders];
        await using var journal = EpisodeJournals.Create(storage, "probe", NullLogger.Instance, appendOnly ? NeverMoved : null);
        var sample = await ClosedLoop.RunAsync(appenders, duration, async i =>
        {
            var step = ++steps[i];
            await journal.AppendAsync(new JournalRecord($"probe-{i}", 1, step, $"r{step}", payload), cancellationToken);
            return true;
        }, cancellationToken: cancellationToken, warmup: warmup);
        return new JournalAppends(sample, recordBytes, journal.Commits);
    }

    /// <summary>A persisted-steps rate beside the journal's own rate with as many appenders.</summary>
    public static FigureRow Row(string measure, double stepsPerSecond, JournalAppends appends) =>
        new(measure, stepsPerSecond, "steps/s", $"episode journal appends/s alone, {Describe(appends)}", appends.Sample.PerSecond, "appends/s");

    /// <summary>The append-only log's rate beside the raw ping rate: how much of the ping a persisted step could reach at best.</summary>
    public static FigureRow FloorRow(int concurrency, JournalAppends appendOnly, double pingsPerSecond) =>
        PingLoad.Beside($"durable append-only log appends/s, {concurrency} appenders {Details(appendOnly)}", appendOnly.Sample.PerSecond, "appends/s",
            concurrency, pingsPerSecond);

    private static string Describe(JournalAppends appends) => $"{appends.Sample.Workers} appenders {Details(appends)}";

    private static string Details(JournalAppends appends) =>
        $"(SQLite, {appends.RecordBytes / 1024.0:0.#} KB records, {appends.PerCommit:0.#} per commit; append p50 {appends.Sample.P50Ms:0.##} ms, p99 {appends.Sample.P99Ms:0.##} ms)";
}

/// <summary>What the probe measured, and the batching its group commit reached.</summary>
public sealed record JournalAppends(LoadSample Sample, int RecordBytes, long Commits)
{
    /// <summary>Appends per commit over the whole probe, warmup included (the commits are counted from the start).</summary>
    public double PerCommit => Commits > 0 ? Sample.Operations / (double)Commits : 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sample} ({RecordBytes} B records, {Commits} commits)");
}

/// <summary>The grid's own SQLite file: how large the episodes' journal records are (what each step appends).</summary>
public static class JournalRecordSize
{
    /// <summary>The mean size of the journal records in <paramref name="databasePath"/> and its log file, in bytes (at least 1).</summary>
    public static async Task<int> MeanBytesAsync(string databasePath, CancellationToken cancellationToken)
    {
        long bytes = 0, records = 0;
        foreach (var (path, table) in new[] { (databasePath, "dojo_episode_steps"), (SqliteStepLogFile.PathFor($"Data Source={databasePath}"), "dojo_episode_log") })
        {
            if (!File.Exists(path)) continue;
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync(cancellationToken);
            await using var query = connection.CreateCommand();
            query.CommandText = $"SELECT COALESCE(SUM(LENGTH(payload)), 0), COUNT(*) FROM {table};";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            bytes += reader.GetInt64(0);
            records += reader.GetInt64(1);
        }
        return records == 0 ? 1 : (int)Math.Max(1, bytes / records);
    }
}
