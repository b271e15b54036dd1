using MLEDojo.Arena.Grains.Running;
using MLEDojo.Arena.Grains.Submissions;
using MLEDojo.Execution;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MLEDojo.Arena.Grains;

public static class ArenaSiloExtensions
{
    /// <summary>
    /// Adds the arena to a grid silo (after <see cref="SiloBuilderExtensions.UseMLEDojo"/>): its grain storage (beside the grid's: SQLite or PostgreSQL), a
    /// reminder service when the silo has none, its options (by default silo.config.json's "arena" section) and
    /// silo-local services. <paramref name="scriptRunner"/> runs uploaded agent scripts; by default the grid's own
    /// <see cref="ICodeRunner"/>: the sandbox, or where it is unavailable what sandbox.allowUnisolated says (the
    /// unisolated runner, or a refusal that makes script submissions fail their validation).
    /// </summary>
    public static ISiloBuilder UseMLEDojoArena(this ISiloBuilder silo, DojoSiloOptions options, ArenaOptions? arena = null,
        Func<IServiceProvider, ICodeRunner>? scriptRunner = null)
    {
        MLEDojo.Hosting.Clustering.GridPersistence.AddGrainStorage(silo, ArenaStorage.Name, options.Storage);
        // Reminders bring a queued or running submission back after its silo dies.
        if (!silo.Services.Any(d => d.ServiceType == typeof(Orleans.IReminderTable)))
            silo.UseInMemoryReminderService();
        silo.Services.AddSingleton(arena ?? ArenaOptionsFactory.Create(options));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<AttemptRunner>();
        silo.Services.AddSingleton<SubmissionValidator>();
        silo.Services.AddSingleton(services => new ArenaScriptRunner(
            scriptRunner?.Invoke(services) ?? services.GetRequiredService<ICodeRunner>()));
        return silo;
    }
}
