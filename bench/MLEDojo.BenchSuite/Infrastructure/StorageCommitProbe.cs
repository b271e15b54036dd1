using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>
/// Durable commits per second of SQLite on this disk, as the grid's episode storage commits (WAL journal, default
/// synchronous, one writer): each commit rewrites one row with a blob the size of an episode's state. A step that is
/// persisted before it is answered cannot outrun this when each step is its own commit.
/// </summary>
public static class StorageCommitProbe
{
    public static async Task<LoadSample> RunAsync(string folder, int blobBytes, TimeSpan duration, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "probe.db")};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }
        var payload = new byte[blobBytes];
        Random.Shared.NextBytes(payload);
        await using var write = connection.CreateCommand();
        write.CommandText = "INSERT INTO state (id, payload) VALUES ($id, $payload) ON CONFLICT(id) DO UPDATE SET payload = excluded.payload;";
        var id = write.Parameters.Add("$id", SqliteType.Integer);
        write.Parameters.AddWithValue("$payload", payload);
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            // Autocommit: one statement, one durable transaction.
            id.Value = latencies.Count % 64;
            await write.ExecuteNonQueryAsync(cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var elapsed = clock.Elapsed;
        latencies.Sort();
        return new LoadSample(1, latencies.Count, elapsed, LoadSample.Percentile(latencies, 0.5), LoadSample.Percentile(latencies, 0.99), 0);
    }
}
