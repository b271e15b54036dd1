using MLEDojo.Grains.Episodes.Journal;
using Npgsql;
using NpgsqlTypes;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// The journal in PostgreSQL (table dojo_episode_steps, PostgreSql/4-EpisodeJournal.sql). Each batch is one
/// transaction sent as one round trip (an <see cref="NpgsqlBatch"/> of inserts), so one commit covers all its steps;
/// every silo has its own writer, and PostgreSQL commits the silos' batches in parallel. Its sessions carry
/// <see cref="PostgreSqlJournalSessions"/>' limits, so a hung silo cannot hold a surviving one's writer.
/// </summary>
internal sealed class PostgreSqlJournalBackend(string connectionString, string serviceId) : IJournalBackend
{
    private const string Insert = """
        INSERT INTO dojo_episode_steps (service_id, episode_id, epoch, step, request_id, payload)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
        """;
    private const string StoredRequest = "SELECT request_id FROM dojo_episode_steps WHERE service_id = $1 AND episode_id = $2 AND epoch = $3 AND step = $4";
    private const string Trim = "DELETE FROM dojo_episode_steps WHERE service_id = $1 AND episode_id = $2 AND epoch < $3";
    private const string Read = "SELECT step, request_id, payload FROM dojo_episode_steps WHERE service_id = $1 AND episode_id = $2 AND epoch = $3 ORDER BY step";

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(PostgreSqlJournalSessions.Limit(connectionString));

    /// <summary>What every session of this journal connects with.</summary>
    internal string SessionConnectionString => PostgreSqlJournalSessions.Limit(connectionString);

    public async Task<JournalCommit> CommitAsync(IReadOnlyList<JournalRecord> appends, IReadOnlyList<(string EpisodeId, long Epoch)> trims, CancellationToken cancellationToken)
    {
        var outcomes = new string?[appends.Count];
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var record in appends)
            batch.BatchCommands.Add(Command(Insert, serviceId, record.EpisodeId, record.Epoch, record.Step, record.RequestId, record.Payload));
        foreach (var (episodeId, epoch) in trims)
            batch.BatchCommands.Add(Command(Trim, serviceId, episodeId, epoch));
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < appends.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected == 1) continue;
            var record = appends[i];
            await using var stored = new NpgsqlCommand(StoredRequest, connection, transaction);
            AddParameters(stored.Parameters, serviceId, record.EpisodeId, record.Epoch, record.Step);
            var storedRequest = (string)(await stored.ExecuteScalarAsync(cancellationToken))!;
            outcomes[i] = storedRequest == record.RequestId ? null : storedRequest;
        }
        await transaction.CommitAsync(cancellationToken);
        return new JournalCommit(outcomes, Task.CompletedTask);
    }

    public async Task<IReadOnlyList<JournalRecord>> ReadAsync(string episodeId, long epoch, CancellationToken cancellationToken)
    {
        await using var read = _source.CreateCommand(Read);
        AddParameters(read.Parameters, serviceId, episodeId, epoch);
        var records = new List<JournalRecord>();
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            records.Add(new JournalRecord(episodeId, epoch, reader.GetInt32(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        return records;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddParameters(command.Parameters, values);
        return command;
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, params object[] values)
    {
        foreach (var value in values)
            parameters.Add(value switch
            {
                byte[] bytes => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = bytes },
                _ => new NpgsqlParameter { Value = value },
            });
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
