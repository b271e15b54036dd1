using System.Net;
using MLEDojo.Gateway;
using MLEDojo.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Cli.Gateway;

/// <summary>The gateway on a web host, the same whether it shares the silo's process (dojo serve) or runs as an Orleans client (dojo gateway).</summary>
internal static class GatewayHosting
{
    public static void Add(WebApplicationBuilder builder, DojoSiloOptions options, IPAddress address, int httpPort, bool insecureNoAuth)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, httpPort);
            // Thousands of idle trainer sockets are the normal load, not an attack to cut off.
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
        });
        var keys = options.GatewayKeyStoreLocation();
        builder.Services.AddDojoGateway(gateway =>
        {
            gateway.InsecureNoAuth = insecureNoAuth;
            gateway.KeyStoreProvider = GatewayKeyStore.Provider(keys);
            gateway.KeyStoreConnectionString = keys.ConnectionString;
            gateway.CompetitionImportRoot = options.CompetitionImportRoot;
            // --insecure-no-auth (loopback, embedded only) serves every caller as the operator, so the dashboard too.
            gateway.ServeDashboard = options.Dashboard.Enabled;
        });
    }

    /// <summary>
    /// Before the host is built: a PostgreSQL key store's tables (the grid's schema) exist before the gateway opens
    /// the store, even when no silo has started yet; without auth there is nothing to look up.
    /// </summary>
    public static Task PrepareKeyStoreAsync(DojoSiloOptions options, bool insecureNoAuth, CancellationToken cancellationToken) =>
        insecureNoAuth ? Task.CompletedTask : GatewayKeyStore.PrepareAsync(options, cancellationToken);
}
