namespace MLEDojo.Gateway.Tests.Infrastructure;

/// <summary>A gateway whose keys may hold <see cref="OpenEpisodes"/> episodes and start <see cref="ExecutionsPerMinute"/> executions a minute, and which takes no new episodes while <see cref="InFlightExecutions"/> run.</summary>
public sealed class TightQuotaGatewayServer : GatewayServer
{
    public const int OpenEpisodes = 2;
    public const int ExecutionsPerMinute = 2;
    public const int InFlightExecutions = 1;

    protected override void Configure(DojoGatewayOptions options)
    {
        options.MaxOpenEpisodesPerKey = OpenEpisodes;
        options.ExecutionsPerMinutePerKey = ExecutionsPerMinute;
        options.MaxInFlightExecutions = InFlightExecutions;
    }
}
