using MLEDojo.Competitions.Info;
using MLEDojo.Execution;
using MLEDojo.Grains.Competitions;
using MLEDojo.Grains.Devices;
using MLEDojo.Grains.Execution;
using MLEDojo.Grains.Load;
using MLEDojo.Grains.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime;

namespace MLEDojo.Grains;

/// <summary>Registers the silo-local services the grains depend on.</summary>
public static class GridServices
{
    /// <summary>
    /// Adds the grid's silo-local singletons. <paramref name="codeRunner"/> builds the <see cref="ICodeRunner"/>
    /// that runs agent code on this silo (the process runner in production, a fake in tests); when null, the host
    /// must register one itself.
    /// </summary>
    public static IServiceCollection AddGridServices(this IServiceCollection services, GridOptions options,
        Func<IServiceProvider, ICodeRunner>? codeRunner = null)
    {
        services.AddSingleton(options);
        services.TryAddSingleton<InfoProviders>();
        services.AddSingleton<CompetitionSource>();
        services.AddSingleton<ScorerCache>();
        services.AddSingleton<CpuExecutionService>();
        services.AddSingleton<GpuDeviceDirectory>();
        services.AddSingleton<SiloLoadReporter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloLoadReporter>());
        if (codeRunner is not null) services.AddSingleton(codeRunner);
        return services;
    }
}
