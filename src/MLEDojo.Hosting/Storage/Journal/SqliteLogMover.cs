using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// Moves the SQLite journal's log into the indexed dojo_episode_steps on a thread of its own, so the writer's
/// commits (every step waits for one) never wait behind a move: moves held the writer 5–25 ms each at 64 episodes
/// and 40–70 ms at 256, and every step queued meanwhile waited as long. Its connection is to the grid's database,
/// with the log attached read-only in practice; one transaction copies the log's rows up to the writer's mark in key
/// order and applies the trims handed over since the last round. It then reports the mark; the writer deletes those
/// rows from the log in its next batch. Between the two the rows are in both tables: a move is idempotent
/// (<c>ON CONFLICT DO NOTHING</c>) and a read takes the log first, so a row is never missed (see
/// <see cref="SqliteJournalBackend"/>). Every <see cref="Period"/> it also checkpoints the log (<see cref="Checkpoint"/>).
/// </summary>
internal sealed class SqliteLogMover : IDisposable
{
    /// <summary>How often the log is checkpointed (and failed work retried) when no move is asked for.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private const string Move = """
        INSERT INTO main.dojo_episode_steps (service_id, episode_id, epoch, step, request_id, payload)
        SELECT service_id, episode_id, epoch, step, request_id, payload FROM steplog.dojo_episode_log
        WHERE service_id = $service AND seq <= $upto
        ORDER BY episode_id, epoch, step
        ON CONFLICT DO NOTHING;
        """;
    private const string TrimIndex = "DELETE FROM main.dojo_episode_steps WHERE service_id = $service AND episode_id = $episode AND epoch < $epoch;";

    private readonly string _connectionString;
    private readonly string _serviceId;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Lock _trimsGate = new();
    private List<HandedTrim> _trims = [];
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _requestedUpTo;
    private int _failures;
    private DateTime _retryAt;
    private long _movedUpTo;
    private SqliteConnection? _connection;

    public SqliteLogMover(string connectionString, string serviceId, ILogger logger)
    {
        _connectionString = connectionString;
        _serviceId = serviceId;
        _logger = logger;
        // A thread of its own, not the pool's: a move is a synchronous SQLite call of tens of milliseconds.
        _thread = new Thread(Run) { IsBackground = true, Name = "MLEDojo journal log mover" };
        _thread.Start();
    }

    /// <summary>Every row of the log with a sequence number up to this is in the index (committed there).</summary>
    public long MovedUpTo => Interlocked.Read(ref _movedUpTo);

    /// <summary>Asks for the log's rows up to <paramref name="upTo"/> (all committed) to be moved.</summary>
    public void RequestMove(long upTo)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _requestedUpTo)) < upTo && Interlocked.CompareExchange(ref _requestedUpTo, upTo, seen) != seen) { }
        _wake.Release();
    }

    /// <summary>Deletes the episodes' earlier epochs from the index; completes once that is committed.</summary>
    public Task TrimAsync(IReadOnlyList<(string EpisodeId, long Epoch)> trims)
    {
        if (trims.Count == 0) return Task.CompletedTask;
        var handed = trims.Select(t => new HandedTrim(t.EpisodeId, t.Epoch)).ToList();
        lock (_trimsGate)
        {
            if (_stopping) return Task.FromException(new ObjectDisposedException(nameof(SqliteLogMover), "The episode journal is stopped."));
            _trims.AddRange(handed);
        }
        _wake.Release();
        return Task.WhenAll(handed.Select(t => t.Done.Task));
    }

    private void Run()
    {
        while (!_stopping)
        {
            var wait = _failures == 0 ? Period : _retryAt - DateTime.UtcNow;
            _wake.Wait(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            while (_wake.Wait(0)) { }
            if (_stopping) break;
            // A request for a move does not cut a back-off short.
            if (_failures > 0 && DateTime.UtcNow < _retryAt) continue;
            RunRound();
        }
        // What was handed over before the stop is still applied.
        RunRound();
        _connection?.Dispose();
    }

    private void RunRound()
    {
        List<HandedTrim> trims;
        lock (_trimsGate) (trims, _trims) = (_trims, []);
        var target = Interlocked.Read(ref _requestedUpTo);
        try
        {
            var connection = _connection ??= Open();
            if (target > MovedUpTo || trims.Count > 0) Commit(connection, target, trims);
            if (target > MovedUpTo) Interlocked.Exchange(ref _movedUpTo, target);
            foreach (var trim in trims) trim.Done.TrySetResult();
            Checkpoint(connection);
            _failures = 0;
        }
        catch (Exception e)
        {
            _failures++;
            _retryAt = DateTime.UtcNow + RetryDelay(_failures);
            _logger.LogWarning(e, "Moving the episode journal's log into the index failed; the log keeps the rows and the mover retries");
            _connection?.Dispose();
            _connection = null;
            if (_stopping) foreach (var trim in trims) trim.Done.TrySetException(e);
            else lock (_trimsGate) _trims.InsertRange(0, trims);
        }
    }

    /// <summary>After failed rounds, the next waits longer (up to 5 s), so a database that keeps failing is not retried, and logged, 20 times a second.</summary>
    private static TimeSpan RetryDelay(int failures) => TimeSpan.FromMilliseconds(Math.Min(5000, Period.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 10))));

    /// <summary>
    /// One transaction on the grid's database. Deferred, not IMMEDIATE: an IMMEDIATE transaction would take the write
    /// lock of every attached file, the log's included, and wait for the writer. The trims come after the move, so a
    /// row of an earlier epoch that the move copies (its log snapshot predates the writer's trim) is deleted too.
    /// </summary>
    private void Commit(SqliteConnection connection, long target, List<HandedTrim> trims)
    {
        using var transaction = connection.BeginTransaction(deferred: true);
        if (target > MovedUpTo)
        {
            using var move = connection.CreateCommand();
            move.Transaction = transaction;
            move.CommandText = Move;
            move.Parameters.AddWithValue("$service", _serviceId);
            move.Parameters.AddWithValue("$upto", target);
            move.ExecuteNonQuery();
        }
        if (trims.Count > 0)
        {
            using var trim = connection.CreateCommand();
            trim.Transaction = transaction;
            trim.CommandText = TrimIndex;
            trim.Parameters.AddWithValue("$service", _serviceId);
            var episode = trim.Parameters.Add("$episode", SqliteType.Text);
            var epoch = trim.Parameters.Add("$epoch", SqliteType.Integer);
            foreach (var t in trims)
            {
                episode.Value = t.EpisodeId;
                epoch.Value = t.Epoch;
                trim.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    /// <summary>
    /// Copies the log's committed pages from its WAL into its file; never waits for the writer. The WAL can only
    /// restart from its beginning when a checkpoint has copied all of it with no commit in between, which a busy
    /// writer never leaves room for: without the writer's own automatic checkpoint (at 1,000 pages) the WAL grew by
    /// 100 MB in seconds and appends slowed by half. So the writer keeps it, and finds little left to copy.
    /// </summary>
    private static void Checkpoint(SqliteConnection connection)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = $"PRAGMA {SqliteStepLogFile.AttachedName}.wal_checkpoint(PASSIVE);";
        checkpoint.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        // Not pooled: a pooled connection keeps the log attached when it is returned, and after a failed round the
        // next ATTACH on it failed ("already in use") every round after.
        var connection = SqliteBusyWait.Open(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        try
        {
            using var attach = connection.CreateCommand();
            attach.CommandText = $"ATTACH DATABASE $path AS {SqliteStepLogFile.AttachedName};";
            attach.Parameters.AddWithValue("$path", SqliteStepLogFile.PathFor(_connectionString));
            attach.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_trimsGate)
        {
            if (_stopping) return;
            _stopping = true;
        }
        _wake.Release();
        _thread.Join();
        _wake.Dispose();
    }

    private sealed record HandedTrim(string EpisodeId, long Epoch)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
