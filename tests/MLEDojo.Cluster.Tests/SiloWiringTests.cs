using MLEDojo.Client;
using System.Collections;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Hosting.Kubernetes;

namespace MLEDojo.Cluster.Tests;

/// <summary>What UseMLEDojo adds to a silo for Kubernetes and the dashboard, by configuration (the services are inspected, nothing starts).</summary>
public sealed class SiloWiringTests
{
    private static DojoSiloOptions Options(string profile, string kubernetes, bool dashboard) => new()
    {
        Profile = profile,
        CompetitionsRoot = RepoPaths.CompetitionsRoot,
        EpisodesRoot = Path.Combine(Path.GetTempPath(), "mledojo-wiring"),
        Storage = profile == DojoProfiles.Cluster
            ? new DojoStorageOptions { Provider = DojoStorageProviders.PostgreSql, ConnectionString = "Host=127.0.0.1;Database=mledojo;Username=u;Password=p" }
            : new DojoStorageOptions(),
        AdvertisedAddress = "10.1.2.3",
        Devices = new DojoDevicesOptions { Node = "n1", Gpus = "none" },
        Kubernetes = new DojoKubernetesOptions { Hosting = kubernetes },
        Dashboard = new DojoDashboardOptions { Enabled = dashboard },
    };

    private static IServiceCollection SiloServices(DojoSiloOptions options)
    {
        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.UseOrleans(silo => silo.UseMLEDojo(options, _ => new FakeCodeRunner()));
        return builder.Services;
    }

    private static bool Has<TService>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(TService));

    [Theory]
    [InlineData(DojoProfiles.Cluster, DojoKubernetesHostingModes.On, true)]
    [InlineData(DojoProfiles.Cluster, DojoKubernetesHostingModes.Off, false)]
    [InlineData(DojoProfiles.Embedded, DojoKubernetesHostingModes.Off, false)]
    public void Kubernetes_hosting_is_wired_when_configured_and_not_otherwise(string profile, string mode, bool wired)
    {
        var services = SiloServices(Options(profile, mode, dashboard: false));
        Assert.Equal(wired, Has<IValidateOptions<KubernetesHostingOptions>>(services));
        Assert.Equal(wired, services.Any(d => d.ServiceType == typeof(IPostConfigureOptions<Orleans.Configuration.EndpointOptions>)
            && d.ImplementationType?.Assembly == typeof(KubernetesHostingOptions).Assembly));
    }

    [Fact]
    public void Auto_means_in_a_pod_of_the_cluster_profile()
    {
        var inPod = new Hashtable { [KubernetesHosting.ServiceHostVariable] = "10.96.0.1" };
        Assert.True(KubernetesHosting.IsWanted(Options(DojoProfiles.Cluster, DojoKubernetesHostingModes.Auto, false), inPod));
        Assert.False(KubernetesHosting.IsWanted(Options(DojoProfiles.Cluster, DojoKubernetesHostingModes.Auto, false), new Hashtable()));
        Assert.False(KubernetesHosting.IsWanted(Options(DojoProfiles.Cluster, DojoKubernetesHostingModes.Off, false), inPod));
        // A single embedded silo in a pod has no peers to watch.
        Assert.False(KubernetesHosting.IsWanted(Options(DojoProfiles.Embedded, DojoKubernetesHostingModes.Auto, false), inPod));
        Assert.True(KubernetesHosting.IsWanted(Options(DojoProfiles.Cluster, DojoKubernetesHostingModes.On, false), new Hashtable()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_dashboard_collects_statistics_on_every_silo_only_when_enabled(bool enabled)
    {
        var services = SiloServices(Options(DojoProfiles.Embedded, DojoKubernetesHostingModes.Off, enabled));
        Assert.Equal(enabled, Has<IConfigureOptions<DashboardOptions>>(services));
    }
}
