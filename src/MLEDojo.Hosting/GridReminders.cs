using MLEDojo.Grains;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using Orleans.Configuration;

namespace MLEDojo.Hosting;

/// <summary>
/// The one place the grid's reminder service is chosen (episode expiry and leaderboard snapshots run on reminders);
/// grains call RegisterOrUpdateReminder and get this one. PostgreSQL storage: Orleans' ADO.NET reminder table in
/// the same database (durable: a cluster's reminders survive any silo). SQLite: in memory (Orleans has no SQLite
/// reminder table); a silo restart forgets them, which the episodes' persisted deadlines cover (each activation
/// checks its deadline and registers its reminder again), as competitions do on their next board change.
/// </summary>
public static class GridReminders
{
    public static void Configure(ISiloBuilder silo, DojoSiloOptions options, GridOptions grid)
    {
        if (options.Storage.Provider == DojoStorageProviders.PostgreSql)
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = GridPersistence.PostgreSqlInvariant;
                o.ConnectionString = options.Storage.ConnectionString;
            });
        else
            silo.UseInMemoryReminderService();

        // Orleans refuses periods under a minute by default; the shortest configured period is the floor.
        var periods = new[] { grid.Expiry.CheckPeriod, grid.LeaderboardSnapshots.Period }.Where(p => p > TimeSpan.Zero);
        var shortest = periods.Min();
        silo.Configure<ReminderOptions>(o => { if (shortest < o.MinimumReminderPeriod) o.MinimumReminderPeriod = shortest; });
    }
}
