using MLEDojo.Execution;
using MLEDojo.Grains;
using MLEDojo.Grains.Devices;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Storage;

namespace MLEDojo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Grain storage names: episodes, and competitions' live leaderboards.</summary>
    public const string EpisodeStorage = "episodes";
    public const string CompetitionStorage = "competitions";

    /// <summary>The SQLite invariant name Orleans' ADO.NET providers know (it loads Microsoft.Data.Sqlite).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Makes this silo a grid silo: clustering (embedded profile: localhost with the configured ports), SQLite grain
    /// storage with its schema, reminders (episode expiry), silo metadata (node.id, node.gpus), GPU device placement, the grains' silo-local
    /// services, and request limits that let hour-long executions finish. <paramref name="codeRunner"/> builds
    /// the runner for agent code; by default it is <see cref="ProcessCodeRunner"/> with the configured interpreter
    /// and output caps (tests pass fakes).
    /// </summary>
    public static ISiloBuilder UseMLEDojo(this ISiloBuilder silo, DojoSiloOptions options, Func<IServiceProvider, ICodeRunner>? codeRunner = null)
    {
        var grid = GridOptionsFactory.Create(options);
        if (options.Profile == DojoProfiles.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        }

        AddSqliteStorage(silo, EpisodeStorage, options.Storage.ConnectionString);
        AddSqliteStorage(silo, CompetitionStorage, options.Storage.ConnectionString);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new SiloStartupChecks(sp, options.Storage.ConnectionString));

        silo.UseSiloMetadata(new Dictionary<string, string>
        {
            [GridMetadata.NodeId] = grid.NodeId,
            [GridMetadata.Gpus] = string.Join(",", grid.GpuIndices),
        });
        silo.AddPlacementDirector<GpuDevicePlacementStrategy, GpuDevicePlacementDirector>();
        GridReminders.Configure(silo, grid);
        silo.Services.AddGridServices(grid, codeRunner ?? (_ => new ProcessCodeRunner(ExecutionLimitsFactory.Create(options))));

        // An execution may take up to the configured maximum; a request running longer than this is treated as
        // stuck and its activation deactivated, so it must never be reached by a legitimate step.
        var longest = grid.Limits.MaxExecutionTimeout * 2 + TimeSpan.FromMinutes(30);
        silo.Configure<SiloMessagingOptions>(o =>
        {
            if (o.MaxRequestProcessingTime < longest) o.MaxRequestProcessingTime = longest;
        });
        return silo;
    }

    /// <summary>
    /// State is stored with Orleans' own binary serializer, deliberately: every state type is already
    /// [GenerateSerializer] with stable [Id]s, so fields can be added without a migration, rows carry no CLR type
    /// or assembly names (the default Newtonsoft JSON serializer writes them), and it is the fastest option.
    /// </summary>
    private static void AddSqliteStorage(ISiloBuilder silo, string name, string connectionString) =>
        silo.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> storage) => storage.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = SqliteInvariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>());
        }));
}
