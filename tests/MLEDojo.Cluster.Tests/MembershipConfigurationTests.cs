using MLEDojo.Client;
using System.Collections;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace MLEDojo.Cluster.Tests;

/// <summary>silo.config.json's "membership" section: the cluster profile's tuned failure detection, what reaches Orleans, and what is refused.</summary>
public sealed class MembershipConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-membership-config-" + Guid.NewGuid().ToString("N"));

    public MembershipConfigurationTests() => Directory.CreateDirectory(Path.Combine(_folder, "competitions"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DojoSiloOptions Load(string membership)
    {
        var path = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(path, $$"""{ "competitionsRoot": "competitions", "membership": {{membership}} }""");
        return DojoConfiguration.Load(path, [], new Hashtable());
    }

    [Fact]
    public void The_cluster_profile_detects_a_crashed_silo_in_3_seconds_and_a_hung_one_in_12()
    {
        var options = DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "deploy", "silo.config.cluster.json"), [], new Hashtable());
        var orleans = new ClusterMembershipOptions();
        MembershipTuning.Apply(orleans, options.Membership);

        Assert.Equal(TimeSpan.FromSeconds(1), orleans.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), orleans.MaxProbeTimeout);
        Assert.Equal(3, orleans.NumMissedProbesLimit);
        Assert.Equal(2, orleans.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(20), orleans.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), orleans.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), orleans.IAmAliveTablePublishTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Membership.CrashedSiloDetection());
        Assert.Equal(TimeSpan.FromSeconds(12), options.Membership.HungSiloDetection());
    }

    [Fact]
    public void An_empty_section_keeps_every_Orleans_default()
    {
        var options = Load("{}");
        var defaults = new ClusterMembershipOptions();
        var tuned = new ClusterMembershipOptions();
        MembershipTuning.Apply(tuned, options.Membership);

        Assert.Equal(defaults.ProbeTimeout, tuned.ProbeTimeout);
        Assert.Equal(defaults.NumMissedProbesLimit, tuned.NumMissedProbesLimit);
        Assert.Equal(defaults.NumVotesForDeathDeclaration, tuned.NumVotesForDeathDeclaration);
        Assert.Equal(defaults.DeathVoteExpirationTimeout, tuned.DeathVoteExpirationTimeout);
        Assert.Equal(defaults.TableRefreshTimeout, tuned.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Membership.CrashedSiloDetection());
    }

    [Fact]
    public void A_max_probe_timeout_shortens_the_hung_silo_bound()
    {
        var options = Load("""{ "probeTimeoutSeconds": 1, "maxProbeTimeoutSeconds": 1.5 }""");
        var orleans = new ClusterMembershipOptions();
        MembershipTuning.Apply(orleans, options.Membership);

        Assert.Equal(TimeSpan.FromSeconds(1.5), orleans.MaxProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4.5), options.Membership.HungSiloDetection());
    }

    [Theory]
    [InlineData("""{ "probeTimeoutSeconds": 0 }""", "membership.probeTimeoutSeconds")]
    [InlineData("""{ "numMissedProbesLimit": 0 }""", "membership.numMissedProbesLimit")]
    [InlineData("""{ "numVotesForDeathDeclaration": -1 }""", "membership.numVotesForDeathDeclaration")]
    [InlineData("""{ "probeTimeoutSeconds": 2, "maxProbeTimeoutSeconds": 1 }""", "membership.maxProbeTimeoutSeconds")]
    [InlineData("""{ "probeTimeoutSeconds": 1, "deathVoteExpirationSeconds": 12 }""", "membership.deathVoteExpirationSeconds")]
    [InlineData("""{ "probeTimeout": 1 }""", "probeTimeout")]
    public void Bad_membership_settings_name_the_offending_key(string membership, string expected)
    {
        var error = Assert.Throws<DojoConfigurationException>(() => Load(membership));
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void A_cluster_client_rereads_the_live_gateways_every_few_seconds()
    {
        var options = new DojoSiloOptions
        {
            Profile = DojoProfiles.Cluster,
            Storage = new DojoStorageOptions { Provider = DojoStorageProviders.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=x;Username=u;Password=p" },
        };
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.UseOrleansClient(client => MLEDojo.Hosting.GridClientBuilderExtensions.UseMLEDojoClient(client, options));
        using var host = builder.Build();

        var gateways = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(5), gateways.GatewayListRefreshPeriod);
        Assert.True(gateways.GatewayListRefreshPeriod < new GatewayOptions().GatewayListRefreshPeriod);
    }
}
