using MLEDojo.Client;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.BenchSuite.Cluster;

/// <summary>An Orleans client of a cluster-profile grid (a <see cref="LocalCluster"/>), configured as `dojo` configures its own.</summary>
public static class LocalClusterClient
{
    public static async Task<IHost> ConnectAsync(string connectionString, string clusterId, CancellationToken cancellationToken = default)
    {
        var options = new DojoSiloOptions
        {
            Profile = DojoProfiles.Cluster,
            ClusterId = clusterId,
            Storage = new DojoStorageOptions { Provider = DojoStorageProviders.PostgreSql, ConnectionString = connectionString },
        };
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Connection retries while a silo is down are expected here; only real errors are worth printing.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleansClient(client => client.UseMLEDojoClient(options));
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
