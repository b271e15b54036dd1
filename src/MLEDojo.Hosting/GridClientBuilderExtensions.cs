using MLEDojo.Client;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Hosting;

public static class GridClientBuilderExtensions
{
    /// <summary>An external client of an embedded-profile grid configured by <paramref name="options"/>.</summary>
    public static IClientBuilder UseMLEDojoClient(this IClientBuilder client, DojoSiloOptions options) =>
        client.UseDojoGateway(Gateway(options));

    public static DojoGateway Gateway(DojoSiloOptions options) => new(options.GatewayPort, options.ClusterId, options.ServiceId);
}
