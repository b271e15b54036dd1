using MLEDojo.Grains;
using Orleans.Configuration;

namespace MLEDojo.Hosting;

/// <summary>
/// The one place the grid's reminder service is chosen (episode expiry runs on reminders). In memory for every
/// profile here: a silo restart forgets reminders, which the episodes' persisted deadlines cover (each activation
/// checks its deadline and registers its reminder again). A profile with a shared database swaps in a persistent
/// reminder table here.
/// </summary>
internal static class GridReminders
{
    public static void Configure(ISiloBuilder silo, GridOptions grid)
    {
        silo.UseInMemoryReminderService();
        // Orleans refuses periods under a minute by default; a shorter configured check period must be allowed.
        silo.Configure<ReminderOptions>(o =>
        {
            if (o.MinimumReminderPeriod > grid.Expiry.CheckPeriod) o.MinimumReminderPeriod = grid.Expiry.CheckPeriod;
        });
    }
}
