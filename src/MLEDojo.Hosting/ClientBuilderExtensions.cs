using MLEDojo.Hosting.Configuration;
using Orleans.Configuration;

namespace MLEDojo.Hosting;

public static class ClientBuilderExtensions
{
    /// <summary>An external client of an embedded-profile grid: localhost clustering through the configured gateway port.</summary>
    public static IClientBuilder UseMLEDojoClient(this IClientBuilder client, DojoSiloOptions options)
    {
        client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
        client.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
        return client;
    }
}
