using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>Episodes idle for 2 s expire, and the reminder checks every second: expiry with no client involved.</summary>
public sealed class RemindedExpiryGatewayServer : GatewayServer
{
    protected override void ConfigureSilo(DojoSiloOptions options) =>
        options.Episodes = new DojoEpisodesOptions { IdleTtlSeconds = 2, MaxLifetimeSeconds = 3600, ExpiryCheckSeconds = 1 };
}

/// <summary>
/// Idle TTL 3 s and maximum lifetime 6 s, but a reminder only every hour: what expires here is found by the step
/// and activation checks of the persisted deadline.
/// </summary>
public sealed class DeadlineExpiryGatewayServer : GatewayServer
{
    protected override void ConfigureSilo(DojoSiloOptions options) =>
        options.Episodes = new DojoEpisodesOptions { IdleTtlSeconds = 3, MaxLifetimeSeconds = 6, ExpiryCheckSeconds = 3600 };
}
