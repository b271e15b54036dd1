using System.Diagnostics;
using MLEDojo.Abstractions;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.Execution;
using MLEDojo.Execution.Sandbox;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.BenchSuite.Figures;

/// <summary>
/// Figure 3: what the grid adds to a trivial script. Each round runs the same one-line script three ways, in turn:
/// a bare <c>/usr/bin/python3 script.py</c> (the limit: no environment can start Python faster), the sandboxed
/// runner alone, and an execute_code step of a real episode (episode grain, CPU execution service, one sandboxed
/// run, the step persisted). Reports medians, and the medians of per-round differences against the bare run.
/// </summary>
public sealed class SandboxOverheadFigure(SandboxOverheadFigure.Sizes? sizes = null) : IBenchFigure
{
    /// <param name="Rounds">Measured rounds, after <see cref="WarmUp"/> unmeasured ones.</param>
    public sealed record Sizes(int Rounds)
    {
        public static Sizes Quick { get; } = new(12);
        public static Sizes Full { get; } = new(60);
    }

    private const int WarmUp = 3;
    private const string Code = "print('ok')\n";
    public const double GoalAddedMs = 25;

    public int Number => 3;

    public string Title => "execute_code of a trivial script, whole path, vs a bare interpreter spawn";

    public async Task<FigureResult> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = sizes ?? (context.Quick ? Sizes.Quick : Sizes.Full);
        var folder = Path.Combine(context.WorkDirectory, "script");
        Directory.CreateDirectory(folder);
        // The sandbox runs code as an unprivileged user, which must reach the script and the episode's folders.
        if (!OperatingSystem.IsWindows())
            foreach (var path in new[] { context.WorkDirectory, folder }) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        var script = Path.Combine(folder, "script.py");
        await File.WriteAllTextAsync(script, Code, cancellationToken);

        var defaults = new DojoSiloOptions();
        var setup = await SandboxedCodeRunner.CreateAsync(ExecutionLimitsFactory.Create(defaults), ExecutionLimitsFactory.Sandbox(defaults));
        var sandbox = setup.Runner ?? throw new InvalidOperationException("No sandbox on this machine: " + string.Join(" ", setup.Problems));
        var spec = new CodeRunSpec { CodePath = script, WorkingDirectory = folder, PublicDataDirectory = folder, Timeout = TimeSpan.FromSeconds(30) };

        await using var silo = await BenchSilo.StartAsync(Path.Combine(context.WorkDirectory, "grid"), "sandbox", cancellationToken);
        var episode = silo.Grains.GetGrain<IEpisodeGrain>("bench-sandbox-" + Guid.NewGuid().ToString("N"));
        var reset = await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic", MaxSteps = size.Rounds + WarmUp + 1 });
        if (reset.Error is not null) throw new InvalidOperationException("The bench episode's reset was refused: " + reset.Error);

        var bare = new List<double>();
        var alone = new List<double>();
        var step = new List<double>();
        for (var i = 0; i < size.Rounds + WarmUp; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            using (var python = Process.Start(new ProcessStartInfo(defaults.Python, [script]) { RedirectStandardOutput = true, WorkingDirectory = folder })!)
            {
                await python.StandardOutput.ReadToEndAsync(cancellationToken);
                await python.WaitForExitAsync(cancellationToken);
            }
            var bareMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var outcome = await sandbox.RunAsync(spec, cancellationToken);
            var aloneMs = clock.Elapsed.TotalMilliseconds;
            if (outcome.Status != CodeRunStatus.Success) throw new InvalidOperationException($"The sandboxed script failed ({outcome.Status}): {outcome.Stderr}");
            clock.Restart();
            var result = await episode.Step(EpisodeAction.ExecuteCode(Code));
            var stepMs = clock.Elapsed.TotalMilliseconds;
            if (result.Observation.Execution?.Status != ExecutionStatus.Success) throw new InvalidOperationException("The execute_code step failed: " + result.Observation.Feedback);
            if (i < WarmUp) continue;
            bare.Add(bareMs);
            alone.Add(aloneMs);
            step.Add(stepMs);
        }
        context.Log.WriteLine($"[3] isolation '{sandbox.Description}': bare {LoadSample.Median(bare):F1} ms, sandbox {LoadSample.Median(alone):F1} ms, step {LoadSample.Median(step):F1} ms (medians of {bare.Count})");
        return new FigureResult(Number, Title, Rows(bare, alone, step), TimeSpan.Zero,
            Note: $"isolation: {sandbox.Description}; {bare.Count} rounds, each bare, sandbox alone, whole step in turn");
    }

    /// <summary>Medians of each way, and of the per-round differences against the bare run (noise cancels within a round).</summary>
    public static IReadOnlyList<FigureRow> Rows(IReadOnlyList<double> bare, IReadOnlyList<double> alone, IReadOnlyList<double> step)
    {
        var bareMedian = LoadSample.Median(bare);
        var stepAdded = LoadSample.Median(step.Zip(bare, (s, b) => s - b));
        return
        [
            new FigureRow("execute_code step, median", LoadSample.Median(step), "ms", "bare python3 script.py, median", bareMedian, "ms"),
            new FigureRow("sandboxed run alone, median added", LoadSample.Median(alone.Zip(bare, (a, b) => a - b)), "ms", "bare python3 script.py, median", bareMedian, "ms"),
            new FigureRow("execute_code step, median added", stepAdded, "ms", "bare python3 script.py, median", bareMedian, "ms", $"≤ {GoalAddedMs} ms added", stepAdded <= GoalAddedMs),
        ];
    }
}
