using Microsoft.Data.Sqlite;
using MLEDojo.Grains.Episodes.Journal;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// The journal in the grid's SQLite file (table dojo_episode_steps, SqliteEpisodeJournal.sql). One connection writes,
/// used only by the journal's loop; each batch is one IMMEDIATE transaction, so one WAL fsync (synchronous=FULL, the
/// default) covers all its steps. Reads use their own pooled connections (WAL: they never wait for the writer).
/// </summary>
internal sealed class SqliteJournalBackend(string connectionString, string serviceId) : IJournalBackend
{
    private const string Insert = """
        INSERT INTO dojo_episode_steps (service_id, episode_id, epoch, step, request_id, payload)
        VALUES ($service, $episode, $epoch, $step, $request, $payload) ON CONFLICT DO NOTHING;
        """;
    private const string StoredRequest = "SELECT request_id FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch AND step = $step;";
    private const string Trim = "DELETE FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch < $epoch;";
    private const string Read = "SELECT step, request_id, payload FROM dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch = $epoch ORDER BY step;";

    private SqliteConnection? _writer;

    public Task<string?[]> CommitAsync(IReadOnlyList<JournalRecord> appends, IReadOnlyList<(string EpisodeId, long Epoch)> trims, CancellationToken cancellationToken)
    {
        var connection = _writer ??= Open();
        var outcomes = new string?[appends.Count];
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var insert = Command(connection, transaction, Insert, "$request", "$payload");
            foreach (var (record, i) in appends.Select((r, i) => (r, i)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Bind(insert, record.EpisodeId, record.Epoch, record.Step);
                insert.Parameters["$request"].Value = record.RequestId;
                insert.Parameters["$payload"].Value = record.Payload;
                if (insert.ExecuteNonQuery() == 1) continue;
                using var stored = Command(connection, transaction, StoredRequest);
                Bind(stored, record.EpisodeId, record.Epoch, record.Step);
                var storedRequest = (string)stored.ExecuteScalar()!;
                outcomes[i] = storedRequest == record.RequestId ? null : storedRequest;
            }
            foreach (var (episodeId, epoch) in trims)
            {
                using var trim = Command(connection, transaction, Trim);
                Bind(trim, episodeId, epoch, 0);
                trim.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        catch
        {
            // A connection whose transaction failed is not trusted again.
            _writer = null;
            connection.Dispose();
            throw;
        }
        return Task.FromResult(outcomes);
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

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] extra)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$service", serviceId);
        command.Parameters.Add("$episode", SqliteType.Text);
        command.Parameters.Add("$epoch", SqliteType.Integer);
        if (sql.Contains("$step", StringComparison.Ordinal)) command.Parameters.Add("$step", SqliteType.Integer);
        foreach (var name in extra) command.Parameters.Add(name, name == "$payload" ? SqliteType.Blob : SqliteType.Text);
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
