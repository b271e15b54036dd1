using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using MLEDojo.Grains.Episodes.Journal;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// The journal on SQLite (SqliteEpisodeJournal.sql says why two tables): the unindexed log in a file of its own
/// (<see cref="SqliteStepLogFile"/>), the indexed dojo_episode_steps in the grid's database. One connection writes
/// the log, used only by the journal's loop: each batch is one IMMEDIATE transaction, so one WAL fsync
/// (synchronous=FULL, the default) covers all its steps. Once <see cref="SqliteLogMoves"/> says so, the
/// <see cref="SqliteLogMover"/> copies the log into the index on its own thread; a later batch deletes what it
/// copied from the log. Neither waits for the other, nor for an episode's checkpoint in the grid's database.
/// Reads use their own pooled connections (WAL: they never wait for a writer). One writer per service and file:
/// the embedded profile's single silo.
/// </summary>
internal sealed class SqliteJournalBackend(string connectionString, string serviceId, SqliteLogMoves moves, ILogger logger) : IJournalBackend
{
    private const string Append = """
        INSERT INTO dojo_episode_log (service_id, episode_id, epoch, step, request_id, payload)
        VALUES ($service, $episode, $epoch, $step, $request, $payload);
        """;
    private const string Release = "DELETE FROM dojo_episode_log WHERE service_id = $service AND seq <= $upto;";
    private const string TrimLog = "DELETE FROM dojo_episode_log WHERE service_id = $service AND episode_id = $episode AND epoch < $epoch;";
    private const string Logged = "SELECT seq, episode_id, epoch, step, request_id FROM dojo_episode_log WHERE service_id = $service ORDER BY seq;";
    private const string Indexed = "SELECT request_id FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch AND step = $step;";
    private const string ReadLog = "SELECT step, request_id, payload FROM dojo_episode_log WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch;";
    private const string ReadIndex = "SELECT step, request_id, payload FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch;";

    private readonly string _logConnectionString = SqliteStepLogFile.ConnectionStringFor(connectionString);
    private readonly SqliteLoggedKeys _logged = new();
    private SqliteConnection? _log;
    private SqliteConnection? _index;
    private SqliteLogMover? _mover;
    private long _releasedUpTo;

    public Task<JournalCommit> CommitAsync(IReadOnlyList<JournalRecord> appends, IReadOnlyList<(string EpisodeId, long Epoch)> trims, CancellationToken cancellationToken)
    {
        var (log, index) = OpenWriter();
        var mover = _mover ??= new SqliteLogMover(connectionString, serviceId, logger);
        var release = mover.MovedUpTo;
        var outcomes = new string?[appends.Count];
        var added = new Dictionary<(string, long, int), (string Request, long Seq)>();
        try
        {
            // One snapshot of the index for the batch's key lookups: a read transaction per lookup took the WAL's
            // read lock for each.
            using (var snapshot = index.BeginTransaction(deferred: true))
            using (var transaction = log.BeginTransaction(deferred: false))
            {
                if (release > _releasedUpTo)
                {
                    using var delete = Command(log, transaction, Release, "$upto");
                    delete.Parameters["$upto"].Value = release;
                    delete.ExecuteNonQuery();
                }
                using var append = Command(log, transaction, Append, "$step", "$request", "$payload");
                using var indexed = Command(index, snapshot, Indexed, "$step");
                for (var i = 0; i < appends.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var record = appends[i];
                    var key = (record.EpisodeId, record.Epoch, record.Step);
                    if (StoredRequest(indexed, key, added) is { } stored)
                    {
                        outcomes[i] = stored == record.RequestId ? null : stored;
                        continue;
                    }
                    Bind(append, record.EpisodeId, record.Epoch, record.Step);
                    append.Parameters["$request"].Value = record.RequestId;
                    append.Parameters["$payload"].Value = record.Payload;
                    append.ExecuteNonQuery();
                    added[key] = (record.RequestId, SQLitePCL.raw.sqlite3_last_insert_rowid(log.Handle));
                }
                if (trims.Count > 0)
                {
                    using var trim = Command(log, transaction, TrimLog);
                    foreach (var (episodeId, epoch) in trims)
                    {
                        Bind(trim, episodeId, epoch, 0);
                        trim.ExecuteNonQuery();
                    }
                }
                transaction.Commit();
            }
            if (release > _releasedUpTo)
            {
                _logged.ReleaseUpTo(release);
                _releasedUpTo = release;
            }
            foreach (var (key, (request, seq)) in added) _logged.Add(key, request, seq);
            foreach (var (episodeId, epoch) in trims) _logged.RemoveEpochsBefore(episodeId, epoch);
        }
        catch
        {
            // A connection whose transaction failed is not trusted again; the log's keys are read afresh with the next one.
            Forget();
            throw;
        }
        if (moves.Due(_logged.UnrequestedRows, _logged.UnrequestedEpisodes))
        {
            mover.RequestMove(_logged.LastSeq);
            _logged.MarkRequested();
        }
        // The log's part of each trim is committed; the index's is the mover's, in its next round.
        return Task.FromResult(new JournalCommit(outcomes, mover.TrimAsync(trims)));
    }

    /// <summary>The request id already stored under the key (in this batch, the log, or the index), or null.</summary>
    private string? StoredRequest(SqliteCommand indexed, (string Episode, long Epoch, int Step) key, Dictionary<(string, long, int), (string Request, long Seq)> added)
    {
        if (added.TryGetValue(key, out var inBatch)) return inBatch.Request;
        if (_logged.TryGet(key, out var logged)) return logged;
        Bind(indexed, key.Episode, key.Epoch, key.Step);
        return indexed.ExecuteScalar() as string;
    }

    /// <summary>
    /// The log first, then the index, each read finished before the next starts. The mover commits a row into the
    /// index before the writer deletes it from the log, so a row gone from the log when the log was read was in the
    /// index before the index was read. A row in both (copied, not yet deleted) is the same row: taken once.
    /// </summary>
    public Task<IReadOnlyList<JournalRecord>> ReadAsync(string episodeId, long epoch, CancellationToken cancellationToken)
    {
        var bySteps = new SortedDictionary<int, JournalRecord>();
        foreach (var (source, sql) in new[] { (_logConnectionString, ReadLog), (connectionString, ReadIndex) })
        {
            using var connection = SqliteBusyWait.Open(source);
            using var read = Command(connection, null, sql);
            Bind(read, episodeId, epoch, 0);
            using var reader = read.ExecuteReader();
            while (reader.Read())
                bySteps.TryAdd(reader.GetInt32(0), new JournalRecord(episodeId, epoch, reader.GetInt32(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        }
        return Task.FromResult<IReadOnlyList<JournalRecord>>(bySteps.Values.ToList());
    }

    /// <summary>The writer's connections (the log's, and one for key lookups in the index), with the keys its service left in the log.</summary>
    private (SqliteConnection Log, SqliteConnection Index) OpenWriter()
    {
        if (_log is { } log && _index is { } index) return (log, index);
        Forget();
        try
        {
            _log = SqliteBusyWait.Open(_logConnectionString);
            SqliteStepLogFile.EnsureCreated(_log);
            _index = SqliteBusyWait.Open(connectionString);
            using var logged = Command(_log, null, Logged);
            using var reader = logged.ExecuteReader();
            while (reader.Read()) _logged.Add((reader.GetString(1), reader.GetInt64(2), reader.GetInt32(3)), reader.GetString(4), reader.GetInt64(0));
            return (_log, _index);
        }
        catch
        {
            Forget();
            throw;
        }
    }

    private void Forget()
    {
        _log?.Dispose();
        _index?.Dispose();
        (_log, _index) = (null, null);
        _logged.Clear();
        // What the mover moved and this writer had not deleted yet is deleted again by the next batch: a no-op if gone.
        _releasedUpTo = 0;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] extra)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$service", serviceId);
        if (sql.Contains("$episode", StringComparison.Ordinal)) command.Parameters.Add("$episode", SqliteType.Text);
        if (sql.Contains("$epoch", StringComparison.Ordinal)) command.Parameters.Add("$epoch", SqliteType.Integer);
        foreach (var name in extra)
            command.Parameters.Add(name, name switch { "$payload" => SqliteType.Blob, "$step" or "$upto" => SqliteType.Integer, _ => SqliteType.Text });
        return command;
    }

    private static void Bind(SqliteCommand command, string episodeId, long epoch, int step)
    {
        command.Parameters["$episode"].Value = episodeId;
        command.Parameters["$epoch"].Value = epoch;
        if (command.Parameters.Contains("$step")) command.Parameters["$step"].Value = step;
    }

    public ValueTask DisposeAsync()
    {
        // The mover's last round applies the trims handed to it; then the connections close.
        _mover?.Dispose();
        Forget();
        return ValueTask.CompletedTask;
    }
}
