using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>The episode step journal for a storage configuration: in the same database as the grain state.</summary>
public static class EpisodeJournals
{
    /// <param name="sqliteLogMoves">SQLite: when the unindexed log moves into the index (default <see cref="SqliteLogMoves.Default"/>).</param>
    public static GroupCommitJournal Create(DojoStorageOptions storage, string serviceId, ILogger logger, SqliteLogMoves? sqliteLogMoves = null) =>
        new(storage.Provider == DojoStorageProviders.PostgreSql
                ? new PostgreSqlJournalBackend(storage.ConnectionString, serviceId)
                : new SqliteJournalBackend(storage.ConnectionString, serviceId, sqliteLogMoves ?? SqliteLogMoves.Default, logger),
            logger);
}
