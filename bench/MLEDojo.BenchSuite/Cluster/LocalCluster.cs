using System.Diagnostics;

namespace MLEDojo.BenchSuite.Cluster;

/// <summary>
/// deploy/local-cluster.sh driven from .NET (the cluster fault test and figure 6 of <c>dojo bench</c>): real silo
/// processes of a given dojo build on loopback, on a given database, with their state folder (pids, ports, logs, the
/// shared episodes root) in a temp folder.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _repositoryRoot;
    private readonly string _dojo;
    private readonly string _stateDirectory;
    private readonly string _database;
    private readonly string _clusterId;

    private LocalCluster(string repositoryRoot, string dojo, string stateDirectory, string database, string clusterId)
    {
        _repositoryRoot = repositoryRoot;
        _dojo = dojo;
        _stateDirectory = stateDirectory;
        _database = database;
        _clusterId = clusterId;
    }

    public string Script => Path.Combine(_repositoryRoot, "deploy", "local-cluster.sh");
    public string StateDirectory => _stateDirectory;
    public string EpisodesRoot => Path.Combine(_stateDirectory, "episodes");
    public string ClusterId => _clusterId;
    public IReadOnlyDictionary<string, string> State => ReadState();
    public string GatewayUrl => State["GATEWAY_URL"];

    /// <summary>
    /// Starts <paramref name="silos"/> silos of <paramref name="dojo"/> (dojo.dll or a dojo executable) from the
    /// checkout at <paramref name="repositoryRoot"/>, on PostgreSQL database <paramref name="database"/> (made if missing).
    /// </summary>
    public static async Task<LocalCluster> UpAsync(string repositoryRoot, string dojo, string database, int silos)
    {
        var cluster = new LocalCluster(repositoryRoot, dojo,
            Path.Combine(Path.GetTempPath(), "mledojo-local-cluster-" + Guid.NewGuid().ToString("N")[..8]), database,
            "test-" + Guid.NewGuid().ToString("N")[..8]);
        var (code, output) = await cluster.RunAsync(TimeSpan.FromMinutes(3), "up", "--silos", silos.ToString());
        if (code != 0) throw new InvalidOperationException($"local-cluster.sh up failed ({code}):\n{output}\n{cluster.Logs()}");
        return cluster;
    }

    public Task<(int Code, string Output)> RestartSiloAsync(int silo, bool kill) =>
        kill ? RunAsync(TimeSpan.FromMinutes(2), "restart-silo", silo.ToString(), "--kill")
             : RunAsync(TimeSpan.FromMinutes(2), "restart-silo", silo.ToString());

    /// <summary>Kills silo <paramref name="silo"/> with SIGKILL and leaves it down (a crash, not a restart).</summary>
    public void KillSilo(int silo)
    {
        using var process = Process.GetProcessById(int.Parse(State[$"SILO_{silo}_PID"]));
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Stops silo <paramref name="silo"/> with SIGSTOP: it keeps its connections open and answers nothing (a hung or cut-off host).</summary>
    public void FreezeSilo(int silo)
    {
        using var kill = Process.Start("kill", ["-STOP", State[$"SILO_{silo}_PID"]]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -STOP of silo {silo} failed ({kill.ExitCode}).");
    }

    public int SiloPort(int silo) => int.Parse(State[$"SILO_{silo}_PORT"]);

    public Task<(int Code, string Output)> StatusAsync() => RunAsync(TimeSpan.FromSeconds(30), "status");

    public async Task<(int Code, string Output)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _repositoryRoot,
        };
        start.Environment["MLEDOJO_BIN"] = _dojo;
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
