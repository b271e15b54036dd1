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
        builder.Services.AddDojoGateway(gateway =>
        {
            gateway.InsecureNoAuth = insecureNoAuth;
            gateway.KeyStoreConnectionString = options.Storage.ConnectionString;
            gateway.CompetitionImportRoot = options.CompetitionImportRoot;
        });
    }

    /// <summary>Keys live in the grid's SQLite database; without auth there is nothing to look up.</summary>
    public static void CheckKeyStore(DojoSiloOptions options, bool insecureNoAuth)
    {
        if (!insecureNoAuth && !string.Equals(options.Storage.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"The gateway keeps API keys in the grid's SQLite database; storage provider '{options.Storage.Provider}' has none.");
    }
}
