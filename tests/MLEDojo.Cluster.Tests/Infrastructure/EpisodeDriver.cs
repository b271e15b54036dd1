using System.Diagnostics;
using System.Text.Json;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Cluster.Tests.Infrastructure;

/// <summary>One client process (Load/episode_driver.py on Debian's python, through the repository's Python client) driving episodes over HTTP.</summary>
public sealed class EpisodeDriver : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly List<string> _lines = [];
    private readonly Task _reader;
    private int _answered;

    private EpisodeDriver(Process process, string reportPath)
    {
        _process = process;
        ReportPath = reportPath;
        _stderr = process.StandardError.ReadToEndAsync();
        _reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_lines) _lines.Add(line);
                if (line.StartsWith("progress ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9), out var n))
                    Volatile.Write(ref _answered, n);
            }
        });
    }

    public string ReportPath { get; }

    /// <summary>Steps answered so far.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public static EpisodeDriver Start(string gatewayUrl, string apiKey, string prefix, int episodes, int steps, int concurrency, string reportPath)
    {
        var start = new ProcessStartInfo("/usr/bin/python3",
        [
            Path.Combine(AppContext.BaseDirectory, "Load", "episode_driver.py"), "--gateway", gatewayUrl, "--prefix", prefix,
            "--episodes", episodes.ToString(), "--steps", steps.ToString(), "--concurrency", concurrency.ToString(), "--report", reportPath,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MLEDOJO_PYTHON_CLIENT"] = Path.Combine(RepoPaths.Root, "clients", "python");
        start.Environment["MLEDOJO_API_KEY"] = apiKey;
        return new EpisodeDriver(Process.Start(start)!, reportPath);
    }

    public async Task<DriverReport> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        await _reader;
        var stderr = await _stderr;
        if (!File.Exists(ReportPath))
            throw new InvalidOperationException($"driver exited {_process.ExitCode} without a report:\n{stderr}\n{string.Join("\n", _lines.TakeLast(5))}");
        return JsonSerializer.Deserialize<DriverReport>(await File.ReadAllTextAsync(ReportPath), new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        })!;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

public sealed record DriverReport(double ElapsedS, IReadOnlyList<DrivenEpisode> Episodes);

public sealed record DrivenEpisode(
    string Id, IReadOnlyList<string> RequestIds, IReadOnlyList<int> StepsSeen, IReadOnlyList<string> Statuses, IReadOnlyList<int> WaitsMs,
    IReadOnlyList<int> Attempts, int? ResetWaitMs, bool Done, string? Error);
