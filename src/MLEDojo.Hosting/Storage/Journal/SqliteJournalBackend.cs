using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using MLEDojo.Grains.Episodes.Journal;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// The journal in the grid's SQLite file (SqliteEpisodeJournal.sql says why two tables). One connection writes, used
/// only by the journal's loop: each batch is one IMMEDIATE transaction appended to dojo_episode_log, so one WAL fsync
/// (synchronous=FULL, the default) covers all its steps; when <see cref="SqliteLogMoves"/> says so, one more
/// transaction moves them into the indexed dojo_episode_steps. Reads use their own pooled connections (WAL: they
/// never wait for the writer). One writer per service and file: the embedded profile's single silo.
/// </summary>
internal sealed class SqliteJournalBackend(string connectionString, string serviceId, SqliteLogMoves moves, ILogger logger) : IJournalBackend
{
    private const string Append = """
        INSERT INTO dojo_episode_log (service_id, episode_id, epoch, step, request_id, payload)
        VALUES ($service, $episode, $epoch, $step, $request, $payload);
        """;
    private const string Indexed = "SELECT request_id FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch AND step = $step;";
    private const string Logged = "SELECT episode_id, epoch, step, request_id FROM dojo_episode_log WHERE service_id = $service;";
    private const string Move = """
        INSERT INTO dojo_episode_steps (service_id, episode_id, epoch, step, request_id, payload)
        SELECT service_id, episode_id, epoch, step, request_id, payload FROM dojo_episode_log WHERE service_id = $service
        ORDER BY episode_id, epoch, step
        ON CONFLICT DO NOTHING;
        DELETE FROM dojo_episode_log WHERE service_id = $service;
        """;
    private const string Trim = """
        DELETE FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch < $epoch;
        DELETE FROM dojo_episode_log WHERE service_id = $service AND episode_id = $episode AND epoch < $epoch;
        """;
    private const string Read = """
        SELECT step, request_id, payload FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch
        UNION ALL
        SELECT step, request_id, payload FROM dojo_episode_log WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch
        ORDER BY step;
        """;

    private SqliteConnection? _writer;
    /// <summary>The keys of this service's rows in the log, with their request ids: the log has no index to ask.</summary>
    private readonly Dictionary<(string Episode, long Epoch, int Step), string> _logged = [];
    /// <summary>How many of <see cref="_logged"/>'s rows each episode has: a move pays off by rows per episode.</summary>
    private readonly Dictionary<string, int> _loggedPerEpisode = [];

    public Task<string?[]> CommitAsync(IReadOnlyList<JournalRecord> appends, IReadOnlyList<(string EpisodeId, long Epoch)> trims, CancellationToken cancellationToken)
    {
        var connection = _writer ??= OpenWriter();
        var outcomes = new string?[appends.Count];
        var added = new Dictionary<(string, long, int), string>();
        try
        {
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                using var append = Command(connection, transaction, Append, "$step", "$request", "$payload");
                using var indexed = Command(connection, transaction, Indexed, "$step");
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
                    added[key] = record.RequestId;
                }
                if (trims.Count > 0)
                {
                    using var trim = Command(connection, transaction, Trim);
                    foreach (var (episodeId, epoch) in trims)
                    {
                        Bind(trim, episodeId, epoch, 0);
                        trim.ExecuteNonQuery();
                    }
                }
                transaction.Commit();
            }
            foreach (var (key, request) in added) Log(key, request);
            foreach (var (episodeId, epoch) in trims.Where(t => _loggedPerEpisode.ContainsKey(t.EpisodeId)))
                _logged.Keys.Where(k => k.Episode == episodeId && k.Epoch < epoch).ToList().ForEach(Unlog);
        }
        catch
        {
            // A connection whose transaction failed is not trusted again; the log's keys are read afresh with the next one.
            Forget(connection);
            throw;
        }
        if (moves.Due(_logged.Count, _loggedPerEpisode.Count)) TryMoveLog(connection);
        return Task.FromResult(outcomes);
    }

    /// <summary>The request id already stored under the key (in this batch, the log, or the index), or null.</summary>
    private string? StoredRequest(SqliteCommand indexed, (string Episode, long Epoch, int Step) key, Dictionary<(string, long, int), string> added)
    {
        if (added.TryGetValue(key, out var inBatch) || _logged.TryGetValue(key, out inBatch)) return inBatch;
        Bind(indexed, key.Episode, key.Epoch, key.Step);
        return indexed.ExecuteScalar() as string;
    }

    /// <summary>
    /// One transaction: the log's rows into the index in key order (each index page written once), the log emptied.
    /// The batch before it is committed and answered either way: a failed move leaves the rows in the log (where reads
    /// find them) for the next connection to move.
    /// </summary>
    private void TryMoveLog(SqliteConnection connection)
    {
        try
        {
            using (var transaction = connection.BeginTransaction(deferred: false))
            using (var move = Command(connection, transaction, Move))
            {
                move.ExecuteNonQuery();
                transaction.Commit();
            }
            ClearLogged();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Moving {Count} episode journal rows from the log into the index failed; the next batch retries", _logged.Count);
            Forget(connection);
        }
    }

    public Task<IReadOnlyList<JournalRecord>> ReadAsync(string episodeId, long epoch, CancellationToken cancellationToken)
    {
        using var connection = Open();
        using var read = Command(connection, null, Read);
        Bind(read, episodeId, epoch, 0);
        var records = new List<JournalRecord>();
        using var reader = read.ExecuteReader();
        while (reader.Read())
            records.Add(new JournalRecord(episodeId, epoch, reader.GetInt32(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        return Task.FromResult<IReadOnlyList<JournalRecord>>(records);
    }

    /// <summary>The writer's connection, with the keys of the rows its service left in the log (by an earlier run too).</summary>
    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        try
        {
            using var logged = Command(connection, null, Logged);
            using var reader = logged.ExecuteReader();
            ClearLogged();
            while (reader.Read()) Log((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)), reader.GetString(3));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Forget(SqliteConnection connection)
    {
        _writer = null;
        ClearLogged();
        connection.Dispose();
    }

    private void Log((string Episode, long Epoch, int Step) key, string requestId)
    {
        if (_logged.TryAdd(key, requestId)) _loggedPerEpisode[key.Episode] = _loggedPerEpisode.GetValueOrDefault(key.Episode) + 1;
    }

    private void Unlog((string Episode, long Epoch, int Step) key)
    {
        if (!_logged.Remove(key)) return;
        if (--_loggedPerEpisode[key.Episode] == 0) _loggedPerEpisode.Remove(key.Episode);
    }

    private void ClearLogged()
    {
        _logged.Clear();
        _loggedPerEpisode.Clear();
    }

    private SqliteConnection Open() => SqliteBusyWait.Open(connectionString);

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] extra)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$service", serviceId);
        if (sql.Contains("$episode", StringComparison.Ordinal)) command.Parameters.Add("$episode", SqliteType.Text);
        if (sql.Contains("$epoch", StringComparison.Ordinal)) command.Parameters.Add("$epoch", SqliteType.Integer);
        foreach (var name in extra) command.Parameters.Add(name, name switch { "$payload" => SqliteType.Blob, "$step" => SqliteType.Integer, _ => SqliteType.Text });
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
        _writer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
