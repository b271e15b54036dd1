using System.Collections;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Cluster.Tests;

/// <summary>The cluster profile's settings: the shipped file, what is refused and why, the advertised address and the shared episodes root.</summary>
public sealed class ClusterConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-cluster-config-" + Guid.NewGuid().ToString("N"));

    public ClusterConfigurationTests() => Directory.CreateDirectory(Path.Combine(_folder, "competitions"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string PostgreSql = "Host=127.0.0.1;Database=mledojo;Username=mledojo;Password=secret";

    private DojoSiloOptions Load(string extra)
    {
        var path = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(path, $$"""{ "competitionsRoot": "competitions" {{extra}} }""");
        return DojoConfiguration.Load(path, [], new Hashtable());
    }

    [Fact]
    public void The_shipped_cluster_config_parses_as_a_postgresql_cluster()
    {
        var options = DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "deploy", "silo.config.cluster.json"), [], new Hashtable());
        Assert.Equal(DojoProfiles.Cluster, options.Profile);
        Assert.Equal(DojoStorageProviders.PostgreSql, options.Storage.Provider);
        Assert.True(options.Storage.InitializeSchema);
        Assert.Equal(RepoPaths.CompetitionsRoot, options.CompetitionsRoot);
        Assert.Equal(300, options.Leaderboards.SnapshotPeriodSeconds);
    }

    [Fact]
    public void The_embedded_default_keeps_sqlite_and_snapshot_defaults()
    {
        var options = DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "silo.config.json"), [], new Hashtable());
        Assert.Equal(DojoProfiles.Embedded, options.Profile);
        Assert.Equal(DojoStorageProviders.Sqlite, options.Storage.Provider);
        Assert.Equal(48, options.Leaderboards.SnapshotsKept);
    }

    [Theory]
    [InlineData(@", ""profile"": ""cluster""", "storage.provider")]
    [InlineData(@", ""storage"": { ""provider"": ""postgresql"", ""connectionString"": ""Database=x"" }", "needs Host")]
    [InlineData(@", ""storage"": { ""provider"": ""postgresql"", ""connectionString"": ""Host=h"" }", "needs Database")]
    [InlineData(@", ""storage"": { ""provider"": ""postgresql"", ""connectionString"": ""Hots=h;Database=d"" }", "storage.connectionString")]
    [InlineData(@", ""advertisedAddress"": ""silo-1.local""", "advertisedAddress")]
    [InlineData(@", ""leaderboards"": { ""snapshotPeriodSeconds"": -1 }", "leaderboards.snapshotPeriodSeconds")]
    [InlineData(@", ""leaderboards"": { ""snapshotsKept"": 0 }", "leaderboards.snapshotsKept")]
    [InlineData(@", ""storage"": { ""initialiseSchema"": true }", "initialiseSchema")]
    [InlineData(@", ""kubernetes"": { ""hosting"": ""sometimes"" }", "kubernetes.hosting")]
    [InlineData(@", ""kubernetes"": { ""hosting"": ""on"" }", "needs the cluster profile")]
    [InlineData(@", ""gatewayKeyStore"": ""Hots=h;Database=d""", "gatewayKeyStore")]
    [InlineData(@", ""dashboard"": { ""enabled"": ""sometimes"" }", "dashboard")]
    public void Bad_cluster_settings_name_the_offending_key(string extra, string expected)
    {
        var error = Assert.Throws<DojoConfigurationException>(() => Load(extra));
        Assert.True(error.Message.Contains(expected, StringComparison.OrdinalIgnoreCase), error.Message);
    }

    [Fact]
    public void A_cluster_profile_with_postgresql_and_an_address_is_accepted_and_environment_variables_reach_it()
    {
        var path = Path.Combine(_folder, "silo.config.json");
        File.WriteAllText(path, $$"""{ "competitionsRoot": "competitions", "profile": "cluster", "storage": { "provider": "postgresql", "connectionString": "{{PostgreSql}}" } }""");
        var options = DojoConfiguration.Load(path, [], new Hashtable
        {
            ["DOJO_advertisedAddress"] = "10.1.2.3",
            ["DOJO_storage__initializeSchema"] = "false",
        });
        Assert.Equal("10.1.2.3", ClusterEndpoint.AdvertisedAddress(options).ToString());
        Assert.False(options.Storage.InitializeSchema);
        // An empty address means this host's own, never loopback (other machines could not reach it).
        options.AdvertisedAddress = "";
        try
        {
            Assert.False(System.Net.IPAddress.IsLoopback(ClusterEndpoint.AdvertisedAddress(options)));
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("advertisedAddress", e.Message);
        }
    }

    [Fact]
    public void The_key_store_follows_the_grid_storage_unless_gateway_key_store_names_one()
    {
        var embedded = Load("");
        Assert.Equal(new GatewayKeyStoreLocation(DojoStorageProviders.Sqlite, embedded.Storage.ConnectionString), embedded.GatewayKeyStoreLocation());
        var cluster = Load($$""", "profile": "cluster", "storage": { "provider": "postgresql", "connectionString": "{{PostgreSql}}" }""");
        Assert.Equal(new GatewayKeyStoreLocation(DojoStorageProviders.PostgreSql, PostgreSql), cluster.GatewayKeyStoreLocation());
        var file = Load(@", ""gatewayKeyStore"": ""Data Source=keys/keys.db""");
        Assert.Equal(new GatewayKeyStoreLocation(DojoStorageProviders.Sqlite, "Data Source=" + Path.Combine(_folder, "keys", "keys.db")), file.GatewayKeyStoreLocation());
        var shared = Load($$""", "gatewayKeyStore": "Host=keys.internal;Database=keys" """);
        Assert.Equal(new GatewayKeyStoreLocation(DojoStorageProviders.PostgreSql, "Host=keys.internal;Database=keys"), shared.GatewayKeyStoreLocation());
        // Both shipped profiles serve the dashboard.
        Assert.True(DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "silo.config.json"), [], new Hashtable()).Dashboard.Enabled);
        Assert.True(DojoConfiguration.Load(Path.Combine(RepoPaths.Root, "deploy", "silo.config.cluster.json"), [], new Hashtable()).Dashboard.Enabled);
    }

    [Fact]
    public void A_shared_episodes_root_belongs_to_one_cluster()
    {
        var root = Path.Combine(_folder, "shared", "episodes");
        SharedVolume.Claim(root, "cluster-a");
        SharedVolume.Claim(root, "cluster-a");
        var error = Assert.Throws<InvalidOperationException>(() => SharedVolume.Claim(root, "cluster-b"));
        Assert.Contains("belongs to cluster 'cluster-a'", error.Message);
        Assert.Equal("cluster-a", File.ReadAllText(Path.Combine(root, SharedVolume.MarkerName)));
    }
}
