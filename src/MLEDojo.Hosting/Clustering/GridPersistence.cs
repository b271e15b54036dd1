using MLEDojo.Grains.Episodes.Journal;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;
using MLEDojo.Hosting.Storage.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;

namespace MLEDojo.Hosting.Clustering;

/// <summary>
/// Where the grid keeps what outlives a silo, by storage.provider: grain state (episodes, competitions) in SQLite or
/// PostgreSQL through Orleans' ADO.NET providers, and the episodes' step journal in the same database; with the
/// cluster profile, membership in PostgreSQL too. Reminders:
/// <see cref="GridReminders"/>.
/// </summary>
public static class GridPersistence
{
    /// <summary>Grain storage names: episodes, and competitions' live leaderboards.</summary>
    public const string EpisodeStorage = "episodes";
    public const string CompetitionStorage = "competitions";

    /// <summary>The SQLite invariant name Orleans' ADO.NET providers know (it loads Microsoft.Data.Sqlite).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";
    public const string PostgreSqlInvariant = "Npgsql";

    public static string Invariant(DojoStorageOptions storage) =>
        storage.Provider == DojoStorageProviders.PostgreSql ? PostgreSqlInvariant : SqliteInvariant;

    public static void AddStorage(ISiloBuilder silo, DojoSiloOptions options)
    {
        if (options.Storage.Provider != DojoStorageProviders.PostgreSql) SqliteBusyWait.CoverEveryConnection(options.Storage.ConnectionString);
        AddGrainStorage(silo, EpisodeStorage, options.Storage);
        AddGrainStorage(silo, CompetitionStorage, options.Storage);
        silo.Services.AddSingleton<IEpisodeJournal>(services => EpisodeJournals.Create(options.Storage,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("MLEDojo.EpisodeJournal")));
    }

    /// <summary>Cluster profile: membership in PostgreSQL; the silo listens on every interface and advertises one address.</summary>
    public static void UsePostgreSqlClustering(ISiloBuilder silo, DojoSiloOptions options)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgreSqlInvariant;
            o.ConnectionString = options.Storage.ConnectionString;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = ClusterEndpoint.AdvertisedAddress(options);
            o.SiloPort = options.SiloPort;
            o.GatewayPort = options.GatewayPort;
            o.SiloListeningEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Any, options.SiloPort);
            o.GatewayListeningEndpoint = new System.Net.IPEndPoint(System.Net.IPAddress.Any, options.GatewayPort);
        });
    }

    /// <summary>
    /// State is stored with Orleans' own binary serializer, deliberately: every state type is already
    /// [GenerateSerializer] with stable [Id]s, so fields can be added without a migration, rows carry no CLR type
    /// or assembly names (the default Newtonsoft JSON serializer writes them), and it is the fastest option.
    /// </summary>
    public static void AddGrainStorage(ISiloBuilder silo, string name, DojoStorageOptions storage) =>
        silo.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> builder) => builder.Configure<IServiceProvider>((o, services) =>
        {
            o.Invariant = Invariant(storage);
            o.ConnectionString = storage.ConnectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>());
        }));
}
