using MLEDojo.Client;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using Orleans.Configuration;

namespace MLEDojo.Hosting;

public static class GridClientBuilderExtensions
{
    /// <summary>
    /// An external client of the grid configured by <paramref name="options"/>: through the local gateway port
    /// (embedded profile), or through any live silo's gateway found in the PostgreSQL membership table (cluster
    /// profile), so the client follows silos as they come and go.
    /// </summary>
    public static IClientBuilder UseMLEDojoClient(this IClientBuilder client, DojoSiloOptions options)
    {
        if (options.Profile != DojoProfiles.Cluster) return client.UseDojoGateway(Gateway(options));
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = GridPersistence.PostgreSqlInvariant;
            o.ConnectionString = options.Storage.ConnectionString;
        });
        client.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        // A client sends each grain's calls through one gateway. A silo that hangs keeps its connections open, so the
        // client drops it only when the table's gateway list, re-read this often, no longer has it (Orleans: every
        // minute, which left episodes stalled for ~40 s after the silo was declared dead; docs/BENCHMARKS.md, figure 6).
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
        return client;
    }

    /// <summary>How often a cluster-profile client re-reads the live gateways from the membership table.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    public static DojoGateway Gateway(DojoSiloOptions options) => new(options.GatewayPort, options.ClusterId, options.ServiceId);
}
