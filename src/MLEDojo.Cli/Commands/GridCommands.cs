using System.CommandLine;
using MLEDojo.Cli.Demo;
using MLEDojo.Cli.Gateway;
using MLEDojo.Competitions;
using MLEDojo.Hosting.Configuration;
using MLEDojo.Hosting.Storage;

namespace MLEDojo.Cli.Commands;

/// <summary><c>dojo serve</c> (a silo with the embedded defaults) and <c>dojo demo</c> (real episodes on an embedded grid).</summary>
internal static class GridCommands
{
    public static Command Serve(TextWriter output, TextWriter error)
    {
        var config = ConfigOption();
        var dataRoot = DojoCli.DataRootOption();
        var httpPort = new Option<int?>("--http-port")
        {
            Description = "Also serve the HTTP/WebSocket gateway (OpenEnv's /ws, /reset, /step, /state, ...) at this port; every route but /health takes an API key (dojo keys create).",
        };
        var bind = new Option<string>("--bind") { Description = "The address the gateway listens on (default 127.0.0.1; 0.0.0.0 for every interface, e.g. in a container).", DefaultValueFactory = _ => "127.0.0.1" };
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "Serve the gateway without API keys, everyone as the operator: for your own machine only." };
        var command = new Command("serve", "Run a grid silo (embedded profile unless the configuration says otherwise) until Ctrl+C.") { config, dataRoot, httpPort, bind, insecure };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            var options = Load(parse.GetValue(config), parse.GetValue(dataRoot));
            var port = parse.GetValue(httpPort);
            if (port is < 1 or > 65535) throw new UsageException($"--http-port must be between 1 and 65535; got {port}.");
            var noAuth = parse.GetValue(insecure);
            if (noAuth && port is null) throw new UsageException("--insecure-no-auth only means something with --http-port.");
            if (!System.Net.IPAddress.TryParse(parse.GetValue(bind), out var address)) throw new UsageException($"--bind must be an IP address; got '{parse.GetValue(bind)}'.");
            if (noAuth && !System.Net.IPAddress.IsLoopback(address)) throw new UsageException("--insecure-no-auth serves loopback only; drop --bind or take API keys.");
            if (noAuth && options.Profile != DojoProfiles.Embedded)
                throw new UsageException($"--insecure-no-auth is refused in cluster mode (profile '{options.Profile}'): a cluster's gateway takes API keys (dojo keys create).");
            if (port is not null) await GatewayHosting.PrepareKeyStoreAsync(options, noAuth, cancellationToken);
            await using var grid = port is null
                ? await EmbeddedGrid.StartAsync(options, cancellationToken)
                : await EmbeddedGrid.StartWithGatewayAsync(options, address, port.Value, noAuth, cancellationToken);
            output.WriteLine($"grid silo up: cluster '{options.ClusterId}', silo port {options.SiloPort}, gateway port {options.GatewayPort}");
            output.WriteLine($"competitions: {options.CompetitionsRoot}; episodes: {options.EpisodesRoot}; storage: {DescribeStorage(options.Storage)}");
            if (port is not null)
                output.WriteLine($"HTTP/WebSocket gateway: http://{address}:{port}/ (ws://{address}:{port}/ws, OpenAPI at /openapi.json); auth: "
                    + (noAuth ? "disabled (--insecure-no-auth)" : "API keys (Authorization: Bearer mlk_...; dojo keys create --scope user --owner NAME)"));
            if (noAuth)
                error.WriteLine("warning: --insecure-no-auth: the gateway serves anyone who can reach it, as the operator, with no quotas.");
            output.WriteLine("Ctrl+C stops it.");
            await grid.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }

    public static Command Gateway(TextWriter output, TextWriter error)
    {
        var config = ConfigOption();
        var httpPort = new Option<int>("--http-port") { Description = "The port to serve HTTP/WebSocket on.", Required = true };
        var bind = new Option<string>("--bind") { Description = "The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "Refused: a gateway of a cluster always takes API keys." };
        var command = new Command("gateway", "Run the HTTP/WebSocket gateway as its own process, an Orleans client of the grid the configuration names, until Ctrl+C.")
        {
            config, httpPort, bind, insecure,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            if (parse.GetValue(insecure))
                throw new UsageException("dojo gateway refuses --insecure-no-auth: a separate gateway serves a cluster, which always takes API keys (dojo keys create). For a keyless gateway on your own machine use dojo serve --http-port N --insecure-no-auth.");
            var options = Load(parse.GetValue(config), null);
            var port = parse.GetValue(httpPort);
            if (port is < 1 or > 65535) throw new UsageException($"--http-port must be between 1 and 65535; got {port}.");
            if (!System.Net.IPAddress.TryParse(parse.GetValue(bind), out var address)) throw new UsageException($"--bind must be an IP address; got '{parse.GetValue(bind)}'.");
            await GatewayHosting.PrepareKeyStoreAsync(options, insecureNoAuth: false, cancellationToken);
            await using var gateway = await StandaloneGateway.StartAsync(options, address, port, cancellationToken);
            output.WriteLine($"gateway up: http://{parse.GetValue(bind)}:{port}/ (ws /ws, OpenAPI at /openapi.json), a client of cluster '{options.ClusterId}' (gateway port {options.GatewayPort}); auth: API keys");
            output.WriteLine("Ctrl+C stops it.");
            await gateway.WaitForShutdownAsync(cancellationToken);
            return 0;
        }));
        return command;
    }

    public static Command Demo(TextWriter output, TextWriter error)
    {
        var config = ConfigOption();
        var dataRoot = DojoCli.DataRootOption();
        var episodes = new Option<int>("--episodes", "-n") { Description = "Episodes to play at once.", DefaultValueFactory = _ => 16 };
        var competitions = new Option<string?>("--competitions") { Description = "Comma-separated competitions (default: every supported one under the data root)." };
        var command = new Command("demo", "Start an embedded grid and play episodes with the scripted baseline agent, which writes real pandas/scikit-learn code.")
        {
            config, dataRoot, episodes, competitions,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            var options = Load(parse.GetValue(config), parse.GetValue(dataRoot));
            var count = parse.GetValue(episodes);
            if (count < 1) throw new UsageException("--episodes must be at least 1.");
            var names = parse.GetValue(competitions)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                ?? ScorableCompetitions(options.CompetitionsRoot);
            if (names.Length == 0) throw new UsageException($"No scorable competition under {options.CompetitionsRoot}.");

            // Each demo gets its own state and ports, so it shows its own leaderboard and never collides with a running silo.
            var run = Path.Combine(Path.GetDirectoryName(options.EpisodesRoot)!, "demo", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
            EmbeddedGrid.UsePrivateState(options, run, "mledojo-demo");

            output.WriteLine($"embedded grid: {names.Length} competitions, {count} episodes, {options.Limits.CpuExecutionSlots} CPU execution slots; state in {run}");
            await using var grid = await EmbeddedGrid.StartAsync(options, cancellationToken);
            var summary = await new DemoRunner(grid.Grains, output).RunAsync(names, count, cancellationToken);
            output.WriteLine($"{summary.Done} of {summary.Episodes} episodes finished ({summary.Failed} failed), {summary.WithValidSubmission} with a valid submission, {summary.Steps} steps in {summary.Elapsed:mm\\:ss}.");
            return summary.Failed == 0 && summary.WithValidSubmission == summary.Episodes ? 0 : 1;
        }));
        return command;
    }

    // A PostgreSQL connection string carries a password; what is printed must not.
    private static string DescribeStorage(DojoStorageOptions storage) =>
        storage.Provider == DojoStorageProviders.PostgreSql ? PostgreSqlSchema.Describe(storage.ConnectionString) : storage.ConnectionString;

    internal static Option<FileInfo?> ConfigOption() => new("--config") { Description = "Configuration file (default: the nearest silo.config.json)." };

    internal static DojoSiloOptions Load(FileInfo? config, DirectoryInfo? dataRoot)
    {
        var arguments = config is null ? Array.Empty<string>() : ["--config", config.FullName];
        var options = DojoConfiguration.Load(arguments);
        if (dataRoot is not null) options.CompetitionsRoot = dataRoot.FullName;
        return options;
    }

    internal static string[] ScorableCompetitions(string root)
    {
        var registry = CompetitionRegistry.FromRoot(root).Registry;
        return registry.List().Where(name => registry.Get(name).Unavailability is null).ToArray();
    }
}
