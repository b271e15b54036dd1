using System.Globalization;
using Npgsql;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>
/// Server-side limits on the journal's PostgreSQL sessions. A silo that hangs (SIGSTOP, a frozen VM, a partition that
/// leaves its TCP connections open) in the middle of a batch keeps its transaction, and the row locks of every key it
/// inserted, for as long as it hangs. When the cluster declares it dead and another silo takes its episodes over, that
/// silo's journal writer inserts the same keys and waits on those locks, and, being its silo's one writer, stalls
/// every episode there: measured, a frozen silo stopped the whole surviving cluster until it was killed. So the
/// server ends a journal transaction left idle past <see cref="IdleInTransaction"/>, well inside the time a hung silo
/// takes to be declared dead (12 s with deploy/silo.config.cluster.json), so its locks are gone before a takeover
/// needs them; yet far above the microseconds a live writer spends between its batch and its commit, even on a
/// loaded machine. A lock wait past <see cref="LockWait"/> fails the batch instead of stalling it without end. The
/// hung silo's batch fails unacknowledged, as a crash would have left it.
/// </summary>
public static class PostgreSqlJournalSessions
{
    public static readonly TimeSpan IdleInTransaction = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>The connection string with the limits added to its startup options (any options it has are kept).</summary>
    public static string Limit(string connectionString, TimeSpan? idleInTransaction = null, TimeSpan? lockWait = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var limits = $"-c idle_in_transaction_session_timeout={Milliseconds(idleInTransaction ?? IdleInTransaction)} -c lock_timeout={Milliseconds(lockWait ?? LockWait)}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? limits : builder.Options + " " + limits;
        return builder.ConnectionString;
    }

    private static string Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
