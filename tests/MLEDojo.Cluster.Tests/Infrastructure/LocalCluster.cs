using System.Diagnostics;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Cluster.Tests.Infrastructure;

/// <summary>
/// deploy/local-cluster.sh driven from a test: real silo processes (this build's dojo.dll) on loopback, on a
/// throw-away database, with their state folder (pids, ports, logs, the shared episodes root) in a temp folder.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _stateDirectory;
    private readonly string _database;
    private readonly string _clusterId;

    private LocalCluster(string stateDirectory, string database, string clusterId)
    {
        _stateDirectory = stateDirectory;
        _database = database;
        _clusterId = clusterId;
    }

    public static string Script => Path.Combine(RepoPaths.Root, "deploy", "local-cluster.sh");
    public string StateDirectory => _stateDirectory;
    public string EpisodesRoot => Path.Combine(_stateDirectory, "episodes");
    public string ClusterId => _clusterId;
    public IReadOnlyDictionary<string, string> State => ReadState();
    public string GatewayUrl => State["GATEWAY_URL"];

    public static async Task<LocalCluster> UpAsync(string database, int silos)
    {
        var cluster = new LocalCluster(
            Path.Combine(Path.GetTempPath(), "mledojo-local-cluster-" + Guid.NewGuid().ToString("N")[..8]), database,
            "test-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output) = await cluster.RunAsync(TimeSpan.FromMinutes(3), "up", "--silos", silos.ToString());
        if (code != 0) throw new InvalidOperationException($"local-cluster.sh up failed ({code}):\n{output}\n{cluster.Logs()}");
        return cluster;
    }

    public Task<(int Code, string Output)> RestartSiloAsync(int silo, bool kill) =>
        kill ? RunAsync(TimeSpan.FromMinutes(2), "restart-silo", silo.ToString(), "--kill")
             : RunAsync(TimeSpan.FromMinutes(2), "restart-silo", silo.ToString());

    public Task<(int Code, string Output)> StatusAsync() => RunAsync(TimeSpan.FromSeconds(30), "status");

    public async Task<(int Code, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.Environment["MLEDOJO_BIN"] = Path.Combine(AppContext.BaseDirectory, "dojo.dll");
        start.Environment["MLEDOJO_STATE_DIR"] = _stateDirectory;
        start.Environment["MLEDOJO_PG_DATABASE"] = _database;
        start.Environment["MLEDOJO_CLUSTER_ID"] = _clusterId;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {string.Join(' ', arguments)} ran past {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public string Logs() => string.Join("\n", Directory.Exists(_stateDirectory)
        ? Directory.GetFiles(_stateDirectory, "silo-*.log").Order().Select(f => $"--- {Path.GetFileName(f)}\n{Tail(f, 40)}")
        : []);

    private static string Tail(string path, int lines) => string.Join("\n", File.ReadLines(path).TakeLast(lines));

    private Dictionary<string, string> ReadState() =>
        File.ReadLines(Path.Combine(_stateDirectory, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));

    public async ValueTask DisposeAsync()
    {
        await RunAsync(TimeSpan.FromMinutes(2), "down");
        try { Directory.Delete(_stateDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
