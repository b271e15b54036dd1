using MLEDojo.Execution;
using MLEDojo.Grains;
using MLEDojo.Grains.Devices;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace MLEDojo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Grain storage names: episodes, and competitions' live leaderboards.</summary>
    public const string EpisodeStorage = GridPersistence.EpisodeStorage;
    public const string CompetitionStorage = GridPersistence.CompetitionStorage;

    /// <summary>
    /// Makes this silo a grid silo: clustering (embedded profile: localhost with the configured ports; cluster
    /// profile: PostgreSQL membership, advertised address; in a pod, Kubernetes hosting), grain storage and reminders
    /// (SQLite or PostgreSQL) with their schema, the Orleans Dashboard's statistics (dashboard.enabled), silo metadata
    /// (node.id, node.gpus), GPU device placement, the grains' silo-local services, and request limits that let
    /// hour-long executions finish. <paramref name="codeRunner"/> builds the runner for agent code; by default <see cref="CodeRunnerFactory"/> picks the sandbox (or, where it is unavailable,
    /// refuses or runs unisolated as sandbox.allowUnisolated says); tests pass fakes.
    /// </summary>
    public static ISiloBuilder UseMLEDojo(this ISiloBuilder silo, DojoSiloOptions options, Func<IServiceProvider, ICodeRunner>? codeRunner = null)
    {
        var grid = GridOptionsFactory.Create(options);
        if (options.Profile == DojoProfiles.Embedded)
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        else if (options.Profile == DojoProfiles.Cluster)
            GridPersistence.UsePostgreSqlClustering(silo, options);
        if (options.Profile != DojoProfiles.External)
            silo.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        if (KubernetesHosting.IsWanted(options, Environment.GetEnvironmentVariables()))
            silo.UseKubernetesHosting();
        if (options.Dashboard.Enabled)
            silo.AddDashboard();

        GridTelemetry.Add(silo, options);
        GridPersistence.AddStorage(silo, options);
        GridReminders.Configure(silo, options, grid);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new SiloStartupChecks(sp, options));

        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [GridMetadata.NodeId] = grid.NodeId,
            [GridMetadata.Gpus] = string.Join(",", grid.GpuIndices),
        });
        silo.AddPlacementDirector<GpuDevicePlacementStrategy, GpuDevicePlacementDirector>();
        // The default runner is built once, when the silo first resolves it (its start-up checks): probing the
        // sandbox and sweeping a crashed silo's leftovers happen before any episode runs.
        silo.Services.AddGridServices(grid, codeRunner ?? (services => CodeRunnerFactory.CreateAsync(options,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("MLEDojo.Sandbox")).GetAwaiter().GetResult()));

        // An execution may take up to the configured maximum; a request running longer than this is treated as
        // stuck and its activation deactivated, so it must never be reached by a legitimate step.
        var longest = grid.Limits.MaxExecutionTimeout * 2 + TimeSpan.FromMinutes(30);
        silo.Configure<SiloMessagingOptions>(o =>
        {
            if (o.MaxRequestProcessingTime < longest) o.MaxRequestProcessingTime = longest;
        });
        return silo;
    }
}
