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
        return client;
    }

    public static DojoGateway Gateway(DojoSiloOptions options) => new(options.GatewayPort, options.ClusterId, options.ServiceId);
}
