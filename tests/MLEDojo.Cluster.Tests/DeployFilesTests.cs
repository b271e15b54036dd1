using System.Collections;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MLEDojo.Cli;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting.Clustering;
using MLEDojo.Hosting.Configuration;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace MLEDojo.Cluster.Tests;

/// <summary>
/// No Docker engine or Kubernetes runs here, so deploy/ is checked against the code instead: every configuration
/// the files carry loads through DojoConfiguration, every DOJO_ variable they set is a real setting, the ports they
/// open are the ones the configuration uses, and the command lines are ones dojo accepts.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static string Deploy(params string[] parts) => Path.Combine([RepoPaths.Root, "deploy", .. parts]);

    private static IEnumerable<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        // Compose's services share settings through YAML merge keys (<<: *silo), which the merging parser resolves.
        stream.Load(new YamlDotNet.Core.MergingParser(new YamlDotNet.Core.Parser(reader)));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    private static IEnumerable<YamlMappingNode> Manifests() =>
        Directory.GetFiles(Deploy("k8s"), "*.yaml").Order().SelectMany(Documents);

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static YamlNode? Find(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out node!)) return null;
        return node;
    }

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static YamlMappingNode Manifest(string kind, string name) =>
        Manifests().Single(m => Text(At(m, "kind")) == kind && Text(At(m, "metadata", "name")) == name);

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode workload) =>
        ((YamlSequenceNode)At(workload, "spec", "template", "spec", "containers")).Children.Cast<YamlMappingNode>();

    /// <summary>Loads a silo configuration with the given DOJO_ variables; the competitions root is the repository's (the image's path does not exist here).</summary>
    private static DojoSiloOptions LoadWith(string json, IDictionary<string, string> variables)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mledojo-deploy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var environment = new Hashtable { ["DOJO_competitionsRoot"] = RepoPaths.CompetitionsRoot };
            foreach (var (name, value) in variables) environment[name] = value;
            return DojoConfiguration.Load(path, [], environment);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string ConfigMapJson() => Text(At(Manifest("ConfigMap", "mledojo-config"), "data", "silo.config.json"));

    /// <summary>A container's DOJO_ variables with sample values for those the cluster fills in (secret, pod IP, node name).</summary>
    private static Dictionary<string, string> Variables(YamlMappingNode container)
    {
        var secret = Text(At(Manifest("Secret", "mledojo-db"), "stringData", "connectionString"));
        var variables = new Dictionary<string, string>();
        foreach (var env in ((YamlSequenceNode)At(container, "env")).Children.Cast<YamlMappingNode>())
        {
            var name = Text(At(env, "name"));
            // POD_* are Orleans' Kubernetes hosting's, not settings (checked by the Kubernetes hosting test).
            if (name == "DOJO_CONFIG" || !name.StartsWith("DOJO_", StringComparison.Ordinal)) continue;
            variables[name] = Find(env, "value") is { } value ? Text(value)
                : Find(env, "valueFrom", "secretKeyRef") is not null ? secret
                : Text(At(env, "valueFrom", "fieldRef", "fieldPath")) switch
                {
                    "status.podIP" => "10.1.2.3",
                    "spec.nodeName" => "gpu-node-7",
                    var other => throw new InvalidOperationException($"unexpected fieldRef {other}"),
                };
        }
        return variables;
    }

    [Fact]
    public void Every_kubernetes_workload_configures_a_valid_cluster_silo_and_opens_its_ports()
    {
        var workloads = new[]
        {
            Manifest("Deployment", "mledojo-gateway"), Manifest("Deployment", "mledojo-silo-cpu"), Manifest("DaemonSet", "mledojo-silo-gpu"),
        };
        foreach (var workload in workloads)
        {
            var container = Containers(workload).Single();
            var options = LoadWith(ConfigMapJson(), Variables(container));
            Assert.Equal(DojoProfiles.Cluster, options.Profile);
            Assert.Equal(DojoStorageProviders.PostgreSql, options.Storage.Provider);
            Assert.Contains("Password=change-me", options.Storage.ConnectionString); // the Secret's value won over the file's
            Assert.Equal("10.1.2.3", options.AdvertisedAddress);
            Assert.Equal("gpu-node-7", options.Devices.Node);

            var ports = ((YamlSequenceNode)At(container, "ports")).Children.Select(p => int.Parse(Text(At(p, "containerPort")))).ToArray();
            Assert.Contains(options.SiloPort, ports);
            Assert.Contains(options.GatewayPort, ports);
            Assert.Contains(options.Metrics.PrometheusPort, ports);
            Assert.Equal(options.Metrics.PrometheusPort.ToString(), Text(At(workload, "spec", "template", "metadata", "annotations", "prometheus.io/port")));
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" })
            {
                var port = Find(container, probe, "tcpSocket", "port") ?? At(container, probe, "httpGet", "port");
                Assert.Contains(int.Parse(Text(port)), ports);
            }
            // The config file is the ConfigMap, mounted where DOJO_CONFIG points.
            var mount = ((YamlSequenceNode)At(container, "volumeMounts")).Children.Single(m => Text(At(m, "name")) == "config");
            Assert.Equal("/etc/mledojo", Text(At(mount, "mountPath")));
            Assert.Equal(options.EpisodesRoot, Text(At(((YamlSequenceNode)At(container, "volumeMounts")).Children.Single(m => Text(At(m, "name")) == "episodes"), "mountPath")));
        }
    }

    [Fact]
    public void The_gateway_serves_http_on_its_service_port_and_gpu_silos_request_gpus_on_their_node()
    {
        var gateway = Containers(Manifest("Deployment", "mledojo-gateway")).Single();
        var args = ((YamlSequenceNode)At(gateway, "args")).Children.Select(Text).ToArray();
        Assert.Equal(["serve", "--http-port", "8000", "--bind", "0.0.0.0"], args);
        var http = ((YamlSequenceNode)At(gateway, "ports")).Children.Single(p => Text(At(p, "name")) == "http");
        Assert.Equal("8000", Text(At(http, "containerPort")));
        Assert.Equal("/health", Text(At(gateway, "readinessProbe", "httpGet", "path")));
        var service = Manifest("Service", "mledojo-gateway");
        Assert.Equal("http", Text(At(((YamlSequenceNode)At(service, "spec", "ports")).Children[0], "targetPort")));
        // Keys live in the cluster's PostgreSQL database, so every gateway replica shares them and needs no key volume.
        var options = LoadWith(ConfigMapJson(), Variables(gateway));
        Assert.Equal(new GatewayKeyStoreLocation(DojoStorageProviders.PostgreSql, options.Storage.ConnectionString), options.GatewayKeyStoreLocation());
        Assert.True(int.Parse(Text(At(Manifest("Deployment", "mledojo-gateway"), "spec", "replicas"))) >= 2);
        Assert.DoesNotContain(((YamlSequenceNode)At(gateway, "volumeMounts")).Children, m => Text(At(m, "name")) == "keys");
        Assert.True(options.Dashboard.Enabled);

        var gpu = Containers(Manifest("DaemonSet", "mledojo-silo-gpu")).Single();
        Assert.True(int.Parse(Text(At(gpu, "resources", "limits", "nvidia.com/gpu"))) >= 1);
        var node = ((YamlSequenceNode)At(gpu, "env")).Children.Single(e => Text(At(e, "name")) == "DOJO_devices__node");
        Assert.Equal("spec.nodeName", Text(At(node, "valueFrom", "fieldRef", "fieldPath")));
        Assert.Equal("auto", LoadWith(ConfigMapJson(), Variables(gpu)).Devices.Gpus);
    }

    [Fact]
    public void Every_silo_pod_carries_what_kubernetes_hosting_needs()
    {
        var config = LoadWith(ConfigMapJson(), new Dictionary<string, string>());
        Assert.Equal(DojoKubernetesHostingModes.Auto, config.Kubernetes.Hosting);
        Assert.True(KubernetesHosting.IsWanted(config, new Hashtable { [KubernetesHosting.ServiceHostVariable] = "10.96.0.1" }));
        var role = Manifest("Role", "mledojo-silo-pods");
        var rules = ((YamlSequenceNode)At(role, "rules")).Children;
        var pods = rules.Single(r => ((YamlSequenceNode)At(r, "resources")).Children.Select(Text).Contains("pods"));
        Assert.Equal([""], ((YamlSequenceNode)At(pods, "apiGroups")).Children.Select(Text));
        // What the package calls: read its own pod, patch its labels, list and watch the cluster's pods, delete a dead silo's pod.
        Assert.Subset(((YamlSequenceNode)At(pods, "verbs")).Children.Select(Text).ToHashSet(), new HashSet<string> { "get", "list", "watch", "patch", "delete" });
        var binding = Manifest("RoleBinding", "mledojo-silo-pods");
        Assert.Equal("Role", Text(At(binding, "roleRef", "kind")));
        Assert.Equal("mledojo-silo-pods", Text(At(binding, "roleRef", "name")));
        var subject = ((YamlSequenceNode)At(binding, "subjects")).Children.Single();
        Assert.Equal("ServiceAccount", Text(At(subject, "kind")));
        var account = Manifest("ServiceAccount", Text(At(subject, "name")));
        var namespaces = new[] { role, binding, account }.Select(m => Text(At(m, "metadata", "namespace"))).Append(Text(At(subject, "namespace"))).Distinct();
        Assert.Equal(["mledojo"], namespaces);

        foreach (var workload in new[] { Manifest("Deployment", "mledojo-gateway"), Manifest("Deployment", "mledojo-silo-cpu"), Manifest("DaemonSet", "mledojo-silo-gpu") })
        {
            Assert.Equal("mledojo", Text(At(workload, "metadata", "namespace")));
            var pod = At(workload, "spec", "template");
            Assert.Equal(Text(At(account, "metadata", "name")), Text(At(pod, "spec", "serviceAccountName")));
            // The labels the package selects its cluster's pods by: the configured ids, or it would watch other pods.
            Assert.Equal(config.ServiceId, Text(At(pod, "metadata", "labels", KubernetesHostingOptions.ServiceIdLabel)));
            Assert.Equal(config.ClusterId, Text(At(pod, "metadata", "labels", KubernetesHostingOptions.ClusterIdLabel)));
            var env = ((YamlSequenceNode)At(Containers(workload).Single(), "env")).Children.ToDictionary(e => Text(At(e, "name")), e => e);
            foreach (var (name, field) in new[]
            {
                (KubernetesHostingOptions.PodNameEnvironmentVariable, "metadata.name"),
                (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "metadata.namespace"),
                (KubernetesHostingOptions.PodIPEnvironmentVariable, "status.podIP"),
            })
                Assert.Equal(field, Text(At(env[name], "valueFrom", "fieldRef", "fieldPath")));
            // Nothing overrides the configured ids behind the labels' back.
            Assert.DoesNotContain(KubernetesHostingOptions.ServiceIdEnvironmentVariable, env.Keys);
            Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdEnvironmentVariable, env.Keys);
        }
    }

    [Fact]
    public void The_disruption_budget_covers_every_silo_and_volumes_exist()
    {
        var selector = (YamlMappingNode)At(Manifest("PodDisruptionBudget", "mledojo-silos"), "spec", "selector", "matchLabels");
        Assert.Equal("1", Text(At(Manifest("PodDisruptionBudget", "mledojo-silos"), "spec", "maxUnavailable")));
        foreach (var silo in new[] { Manifest("Deployment", "mledojo-silo-cpu"), Manifest("DaemonSet", "mledojo-silo-gpu") })
        {
            var labels = (YamlMappingNode)At(silo, "spec", "template", "metadata", "labels");
            Assert.All(selector.Children, label => Assert.Equal(Text(label.Value), Text(labels.Children[label.Key])));
        }
        var claims = Manifests().Where(m => Text(At(m, "kind")) == "PersistentVolumeClaim").Select(m => Text(At(m, "metadata", "name"))).ToHashSet();
        foreach (var workload in Manifests().Where(m => Text(At(m, "kind")) is "Deployment" or "DaemonSet"))
        foreach (var volume in ((YamlSequenceNode)At(workload, "spec", "template", "spec", "volumes")).Children)
            if (Find(volume, "persistentVolumeClaim", "claimName") is { } claim)
                Assert.Contains(Text(claim), claims);
    }

    [Fact]
    public void Compose_and_the_image_agree_with_the_configuration()
    {
        var compose = Documents(Deploy("docker-compose.yml")).Single();
        var services = (YamlMappingNode)At(compose, "services");
        Assert.Equal(["postgres", "silo-1", "silo-2", "gateway"], services.Children.Keys.Select(Text));
        var image = Text(At(services, "silo-1", "image"));
        var container = File.ReadAllText(Deploy("silo.config.container.json"));
        foreach (var name in new[] { "silo-1", "silo-2", "gateway" })
        {
            var service = At(services, name);
            Assert.Equal(image, Text(At(service, "image")));
            var environment = ((YamlMappingNode)At(service, "environment")).Children
                .ToDictionary(kv => Text(kv.Key), kv => Text(kv.Value).Replace("${MLEDOJO_DB_PASSWORD:-mledojo}", "mledojo"));
            var options = LoadWith(container, environment);
            Assert.Equal(name, options.Devices.Node);
            Assert.Contains("Host=postgres", options.Storage.ConnectionString);
            Assert.Contains(((YamlSequenceNode)At(service, "volumes")).Children.Select(Text), v => v == "episodes:" + options.EpisodesRoot);
        }
        Assert.Equal(["serve", "--http-port", "8000", "--bind", "0.0.0.0"], ((YamlSequenceNode)At(services, "gateway", "command")).Children.Select(Text));
        Assert.Contains("8000:8000", ((YamlSequenceNode)At(services, "gateway", "ports")).Children.Select(Text));
        Assert.Equal("mledojo", Text(At(services, "postgres", "environment", "POSTGRES_DB")));

        var dockerfile = File.ReadAllText(Deploy("Dockerfile"));
        var defaults = LoadWith(container, new Dictionary<string, string>());
        var exposed = ExposeLine().Match(dockerfile).Groups[1].Value.Split(' ').Select(int.Parse).ToArray();
        Assert.Equal([defaults.SiloPort, defaults.GatewayPort, 8000, defaults.Metrics.PrometheusPort], exposed);
        Assert.Contains("COPY deploy/silo.config.container.json /etc/mledojo/silo.config.json", dockerfile);
        Assert.Contains("DOJO_CONFIG=/etc/mledojo/silo.config.json", dockerfile);
        Assert.Contains($"\"{typeof(DojoCli).Assembly.GetName().Name}.dll\"".TrimStart('"'), dockerfile);
        foreach (var package in new[] { "bubblewrap", "python3-pandas", "python3-sklearn", "python3-numpy" })
            Assert.Contains(package, dockerfile);
        Assert.Contains($"From: {image}", File.ReadAllText(Deploy("hpc", "mledojo.def")));
    }

    [Fact]
    public void The_slurm_script_sets_only_real_settings_and_is_valid_bash()
    {
        var script = Deploy("hpc", "mledojo-silos.sbatch");
        var names = ExportLine().Matches(File.ReadAllText(script)).Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains("DOJO_devices__node", names);
        Assert.Contains("DOJO_devices__gpus", names);
        var samples = names.ToDictionary(n => n, n => n switch
        {
            "DOJO_profile" => "cluster",
            "DOJO_storage__connectionString" => "Host=db;Database=mledojo;Username=u;Password=p",
            "DOJO_competitionsRoot" => RepoPaths.CompetitionsRoot,
            "DOJO_advertisedAddress" => "10.0.0.5",
            "DOJO_limits__cpuExecutionSlots" => "16",
            "DOJO_devices__gpus" => "auto",
            _ => "value-" + n.Length,
        });
        var options = LoadWith(File.ReadAllText(Deploy("silo.config.container.json")), samples);
        Assert.Equal(16, options.Limits.CpuExecutionSlots);
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true })!;
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, bash.StandardError.ReadToEnd());
    }

    [Fact]
    public void Serve_refuses_a_bad_bind_address_and_keyless_serving_off_loopback()
    {
        var error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["serve", "--http-port", "8000", "--bind", "everywhere"], new StringWriter(), error));
        Assert.Contains("--bind must be an IP address", error.ToString());
        error = new StringWriter();
        Assert.Equal(DojoCli.UsageError, DojoCli.Run(["serve", "--http-port", "8000", "--bind", "0.0.0.0", "--insecure-no-auth"], new StringWriter(), error));
        Assert.Contains("loopback only", error.ToString());
    }

    [GeneratedRegex(@"^EXPOSE ([0-9 ]+)$", RegexOptions.Multiline)]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"export (DOJO_[A-Za-z_]+)=")]
    private static partial Regex ExportLine();
}
