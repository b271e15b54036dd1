using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// Commits per second of SQLite on this disk, as the grid's episode storage commits (the same Microsoft.Data.Sqlite
/// build, WAL journal, its default synchronous level): each commit rewrites one row with a blob as large as the
/// episodes' persisted states were in the same run, from one or many writers, each on its own connection as
/// concurrent grains write. A step persisted before it is answered cannot outrun this when each step is its own commit.
/// </summary>
public static class StorageCommitProbe
{
    public static async Task<StorageCommits> RunAsync(string folder, int writers, int rowBytes, TimeSpan duration, CancellationToken cancellationToken, TimeSpan warmup = default)
    {
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "probe.db")};Default Timeout=120;Pooling=False";
        var connections = new SqliteConnection[writers];
        try
        {
            for (var i = 0; i < writers; i++)
            {
                connections[i] = new SqliteConnection(connectionString);
                await connections[i].OpenAsync(cancellationToken);
            }
            await using (var setup = connections[0].CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);";
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }
            var synchronous = await SynchronousAsync(connections[0], cancellationToken);
            var payload = new byte[rowBytes];
            Random.Shared.NextBytes(payload);
            var commands = connections.Select((connection, i) =>
            {
                var write = connection.CreateCommand();
                // Autocommit: one statement, one transaction; each writer its own row, as each episode has its own.
                write.CommandText = "INSERT INTO state (id, payload) VALUES ($id, $payload) ON CONFLICT(id) DO UPDATE SET payload = excluded.payload;";
                write.Parameters.AddWithValue("$id", i);
                write.Parameters.AddWithValue("$payload", payload);
                return write;
            }).ToArray();
            var sample = await ClosedLoop.RunAsync(writers, duration, async i =>
            {
                await commands[i].ExecuteNonQueryAsync(cancellationToken);
                return true;
            }, cancellationToken: cancellationToken, warmup: warmup);
            foreach (var command in commands) await command.DisposeAsync();
            return new StorageCommits(sample, synchronous, rowBytes);
        }
        finally
        {
            foreach (var connection in connections)
                if (connection is not null) await connection.DisposeAsync();
        }
    }

    private static async Task<string> SynchronousAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var level = connection.CreateCommand();
        level.CommandText = "PRAGMA synchronous;";
        return Convert.ToInt32(await level.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) switch
        {
            0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", var other => other.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A persisted-steps rate beside the commit rate with as many writers: the bound when each step is its own commit.</summary>
    public static FigureRow Row(string measure, double stepsPerSecond, StorageCommits commits) =>
        new(measure, stepsPerSecond, "steps/s",
            $"SQLite commits/s, {commits.Sample.Workers} writers (WAL, synchronous={commits.Synchronous}, {commits.RowBytes / 1024.0:0.#} KB rows; commit p50 {commits.Sample.P50Ms:0.##} ms, p99 {commits.Sample.P99Ms:0.##} ms)",
            commits.Sample.PerSecond, "commits/s");
}

/// <summary>What the probe measured, and the synchronous level its connections had by default (NORMAL: WAL commits without an fsync).</summary>
public sealed record StorageCommits(LoadSample Sample, string Synchronous, int RowBytes)
{
    public override string ToString() => $"{Sample} (synchronous={Synchronous}, {RowBytes} B rows)";
}

/// <summary>The grid's own SQLite file: how large the episodes' persisted states are (what each step rewrites).</summary>
public static class EpisodeStateSize
{
    /// <summary>The mean size of the episode grains' state rows in <paramref name="databasePath"/>, in bytes (at least 1).</summary>
    public static async Task<int> MeanBytesAsync(string databasePath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT AVG(LENGTH(PayloadBinary)) FROM OrleansStorage WHERE GrainTypeString LIKE '%episode%' AND PayloadBinary IS NOT NULL;";
        var mean = await query.ExecuteScalarAsync(cancellationToken);
        return mean is null or DBNull ? 1 : Math.Max(1, (int)Convert.ToDouble(mean, CultureInfo.InvariantCulture));
    }
}
