using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MLEDojo.Gateway.Auth;

namespace MLEDojo.GatewayBench;

/// <summary>
/// Starts <c>dojo serve --http-port</c> (auth on) as its own process on free ports, opens N WebSocket sessions that
/// each reset an episode, holds them all, then has every session send frames in a closed loop for a while: frames the
/// gateway answers alone, state frames, request_info steps. Reports sessions held, the server's memory, frames/s and
/// latencies, the CPU the server and this client used per frame, and the machine's load around the run.
/// </summary>
public static class WebSocketBenchmark
{
    private const int EpisodesPerKey = 64; // the gateway's default MaxOpenEpisodesPerKey

    public static async Task<int> RunAsync(string[] args)
    {
        var sessions = Option(args, "--sessions", 4096);
        var seconds = Option(args, "--seconds", 20);
        var infoType = args.SkipWhile(a => a != "--info-type").Skip(1).FirstOrDefault() ?? "name";
        var folder = Path.Combine(Path.GetTempPath(), "mledojo-wsbench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var config = WriteConfig(folder);
        var store = new ApiKeyStore($"Data Source={Path.Combine(folder, "grid.db")}");
        var keys = Enumerable.Range(0, (sessions + EpisodesPerKey - 1) / EpisodesPerKey)
            .Select(i => store.Mint(ApiKeyScope.User, "bench-" + i).ToString()).ToArray();

        Console.WriteLine($"load average before: {LoadAverage()}");
        var httpPort = FreePort();
        using var server = await StartServerAsync(config, httpPort);
        try
        {
            var uri = new Uri($"ws://127.0.0.1:{httpPort}/ws");
            var idleRss = RssMb(server.Id);
            var opening = Stopwatch.StartNew();
            var sockets = new ClientWebSocket[sessions];
            using (var gate = new SemaphoreSlim(64))
            {
                await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        sockets[i] = await OpenAsync(uri, keys[i / EpisodesPerKey], $"bench-{i}");
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
            opening.Stop();
            var held = sockets.Count(s => s.State == WebSocketState.Open);
            var heldRss = RssMb(server.Id);
            Console.WriteLine($"sessions held: {held} of {sessions} (each reset an episode) in {opening.Elapsed.TotalSeconds:F1} s; server RSS {idleRss:F0} MB idle -> {heldRss:F0} MB with all sessions");

            // Three layers, each adding one thing to the last: a frame of an unknown type is answered by the gateway
            // itself (the WS round trip, JSON in and out, no grain call); state frames read the episode (plus one grain
            // call, no write); request_info steps are recorded (plus the step and its durable journal append).
            await MeasureAsync(sockets, Encoding.UTF8.GetBytes("""{"type": "ping"}"""), "\"type\":\"error\"", seconds, "unknown-type frames (WS round trip only, no grain call)", server.Id);
            await MeasureAsync(sockets, Encoding.UTF8.GetBytes("""{"type": "state"}"""), "\"type\":\"state\"", seconds, "state frames (read, no write)", server.Id);
            await MeasureAsync(sockets, Encoding.UTF8.GetBytes($$$"""{"type": "step", "data": {"action_type": "request_info", "info_type": "{{{infoType}}}"}}"""),
                "\"type\":\"observation\"", seconds, $"request_info ({infoType}) steps (each persisted)", server.Id);
            Console.WriteLine($"load average after: {LoadAverage()}");
            foreach (var socket in sockets) socket.Abort();
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task MeasureAsync(ClientWebSocket[] sockets, byte[] frame, string expected, int seconds, string what, int serverPid)
    {
        var latencies = new List<double>[sockets.Length];
        var errors = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu = CpuSeconds(serverPid);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(sockets.Select((socket, i) => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>();
            var buffer = new byte[64 * 1024];
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
                var answer = await ReceiveAsync(socket, buffer);
                if (!answer.Contains(expected, StringComparison.Ordinal) || answer.Contains("\"error\":\"", StringComparison.Ordinal)) Interlocked.Increment(ref errors);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        var serverCpuSeconds = CpuSeconds(serverPid) - serverCpu;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine($"{what}: {all.Length} in {clock.Elapsed.TotalSeconds:F1} s = {all.Length / clock.Elapsed.TotalSeconds:F0}/s over {sockets.Length} concurrent sessions; "
            + $"latency p50 {Percentile(all, 0.50):F1} ms, p99 {Percentile(all, 0.99):F1} ms; errors {errors}; server RSS {RssMb(serverPid):F0} MB");
        // The client shares the machine's cores with the server: what each used says where the time went.
        var wall = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  CPU over {wall:F1} s: server {serverCpuSeconds:F1} s ({serverCpuSeconds / wall:P0} of one core, {serverCpuSeconds * 1e6 / Math.Max(1, all.Length):F0} µs per frame), "
            + $"client {clientCpu.TotalSeconds:F1} s ({clientCpu.TotalSeconds / wall:P0} of one core, {clientCpu.TotalSeconds * 1e6 / Math.Max(1, all.Length):F0} µs per frame); {Environment.ProcessorCount} cores");
    }

    private static async Task<ClientWebSocket> OpenAsync(Uri uri, string key, string episode)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + key);
        await socket.ConnectAsync(uri, CancellationToken.None);
        var reset = Encoding.UTF8.GetBytes($$$$"""{"type": "reset", "data": {"competition": "spaceship-titanic", "episode_id": "{{{{episode}}}}", "options": {"max_steps": 500}}}""");
        await socket.SendAsync(reset, WebSocketMessageType.Text, true, CancellationToken.None);
        var answer = await ReceiveAsync(socket, new byte[64 * 1024]);
        if (!answer.Contains("\"type\":\"observation\"", StringComparison.Ordinal)) throw new InvalidOperationException("reset failed: " + answer);
        return socket;
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket socket, byte[] buffer)
    {
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
            count += result.Count;
            if (result.EndOfMessage) return Encoding.UTF8.GetString(buffer, 0, count);
            if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private static async Task<Process> StartServerAsync(string config, int httpPort)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "dojo.dll"), "serve", "--config", config, "--http-port", httpPort.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOJO_siloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["DOJO_gatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("Ctrl+C", StringComparison.Ordinal)) { }
        if (line is null) throw new InvalidOperationException("dojo serve ended: " + await process.StandardError.ReadToEndAsync());
        // Drained so a chatty server never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static string WriteConfig(string folder)
    {
        var repo = FindRepo();
        var path = Path.Combine(folder, "silo.config.json");
        File.WriteAllText(path, new JsonObject
        {
            ["clusterId"] = "wsbench-" + Path.GetFileName(folder)[^8..],
            ["competitionsRoot"] = Path.Combine(repo, "data", "competitions"),
            ["episodesRoot"] = Path.Combine(folder, "episodes"),
            ["competitionImportRoot"] = Path.Combine(folder, "imports"),
            ["storage"] = new JsonObject { ["provider"] = "sqlite", ["connectionString"] = $"Data Source={Path.Combine(folder, "grid.db")}" },
            ["devices"] = new JsonObject { ["gpus"] = "none" },
        }.ToJsonString());
        return path;
    }

    private static string FindRepo()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "silo.config.json"))) return folder.FullName;
        throw new InvalidOperationException("Run from inside the repository (its silo.config.json names the shipped competitions).");
    }

    private static double RssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>User + system CPU seconds of a process so far (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
