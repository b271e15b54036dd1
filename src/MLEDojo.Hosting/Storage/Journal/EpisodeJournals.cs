using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Hosting.Storage.Journal;

/// <summary>The episode step journal for a storage configuration: in the same database as the grain state.</summary>
public static class EpisodeJournals
{
    /// <param name="sqliteLogLimit">SQLite: the rows the unindexed log holds before they move into the index.</param>
    public static GroupCommitJournal Create(DojoStorageOptions storage, string serviceId, ILogger logger, int sqliteLogLimit = SqliteJournalBackend.DefaultLogLimit) =>
        new(storage.Provider == DojoStorageProviders.PostgreSql
                ? new PostgreSqlJournalBackend(storage.ConnectionString, serviceId)
                : new SqliteJournalBackend(storage.ConnectionString, serviceId, sqliteLogLimit, logger),
            logger);
}
