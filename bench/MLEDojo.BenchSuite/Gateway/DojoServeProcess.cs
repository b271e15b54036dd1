using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MLEDojo.BenchSuite.Infrastructure;

namespace MLEDojo.BenchSuite.Gateway;

/// <summary>
/// This build's <c>dojo serve --http-port</c> as a child process on free ports, its state under a scratch folder:
/// the gateway measured as users run it, in a process of its own.
/// </summary>
public sealed class DojoServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DojoServeProcess(Process process, int httpPort)
    {
        _process = process;
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{HttpPort}/ws");

    /// <summary>Starts the server and returns once it says it serves (its "Ctrl+C stops it." line).</summary>
    public static async Task<DojoServeProcess> StartAsync(DojoCommand dojo, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var config = WriteConfig(folder);
        var httpPort = BenchPaths.FreePort();
        var start = new ProcessStartInfo(dojo.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var argument in dojo.LeadingArguments) start.ArgumentList.Add(argument);
        // Keyless on loopback: keys are checked once per connection, so the steps measured are the same either way,
        // and there is no per-key quota of open episodes to size around.
        foreach (var argument in new[] { "serve", "--config", config, "--http-port", httpPort.ToString(CultureInfo.InvariantCulture), "--insecure-no-auth" })
            start.ArgumentList.Add(argument);
        start.Environment["DOJO_siloPort"] = BenchPaths.FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["DOJO_gatewayPort"] = BenchPaths.FreePort().ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dojo.Executable}.");
        var server = new DojoServeProcess(process, httpPort);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(cancellationToken)) is not null && !line.StartsWith("Ctrl+C", StringComparison.Ordinal))
            {
            }
            if (line is null)
            {
                await process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"dojo serve ended (exit code {process.ExitCode}) before serving: {await errors}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        // Drained so that a chatty server never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        return server;
    }

    private static string WriteConfig(string folder)
    {
        var path = Path.Combine(folder, "silo.config.json");
        File.WriteAllText(path, new JsonObject
        {
            ["clusterId"] = "bench-ws-" + Guid.NewGuid().ToString("N")[..8],
            ["competitionsRoot"] = BenchPaths.CompetitionsRoot(),
            ["episodesRoot"] = Path.Combine(folder, "episodes"),
            ["competitionImportRoot"] = Path.Combine(folder, "imports"),
            ["storage"] = new JsonObject { ["provider"] = "sqlite", ["connectionString"] = $"Data Source={Path.Combine(folder, "grid.db")};Default Timeout=120" },
            ["devices"] = new JsonObject { ["gpus"] = "none" },
        }.ToJsonString());
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }
}
