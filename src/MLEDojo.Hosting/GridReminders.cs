using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using Orleans.Configuration;

namespace MLEDojo.Hosting;

/// <summary>
/// The one place the grid's reminder service is chosen; grains call RegisterOrUpdateReminder and get this one.
/// PostgreSQL storage: Orleans' ADO.NET reminder table in the same database (durable: a cluster's reminders survive
/// any silo). SQLite: in memory (Orleans has no SQLite reminder table; an embedded grid is one process, and grains
/// register their reminders again when they activate).
/// </summary>
public static class GridReminders
{
    public static void Configure(ISiloBuilder silo, DojoSiloOptions options)
    {
        if (options.Storage.Provider == DojoStorageProviders.PostgreSql)
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = GridPersistence.PostgreSqlInvariant;
                o.ConnectionString = options.Storage.ConnectionString;
            });
        else
            silo.UseInMemoryReminderService();

        // Orleans refuses reminder periods under a minute by default; the shortest configured period is the floor.
        var period = TimeSpan.FromSeconds(options.Leaderboards.SnapshotPeriodSeconds);
        if (period > TimeSpan.Zero)
            silo.Configure<ReminderOptions>(o => { if (period < o.MinimumReminderPeriod) o.MinimumReminderPeriod = period; });
    }
}
