using System.Diagnostics;
using MLEDojo.Abstractions;
using MLEDojo.Execution;
using MLEDojo.Execution.Sandbox;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage (as root, bubblewrap installed, from the repository root):
//   dotnet run --project bench/SandboxOverhead -c Release -- [runs]
// Each round runs the same one-line script three ways, in turn: bare `/usr/bin/python3 script.py` (Process.Start,
// read stdout, wait); SandboxedCodeRunner.RunAsync alone; and an execute_code step of an episode on an embedded
// silo (EpisodeGrain → CpuExecutionService → one sandboxed run → SQLite write). Prints medians and
// the median of per-round differences against bare Python.
var runs = args.Length > 0 ? int.Parse(args[0]) : 40;
const string Code = "print('ok')\n";
var folder = Directory.CreateTempSubdirectory("sandbox-bench-").FullName;
if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
var script = Path.Combine(folder, "script.py");
File.WriteAllText(script, Code);

var setup = await SandboxedCodeRunner.CreateAsync(new ExecutionLimits(), new SandboxOptions());
var sandbox = setup.Runner ?? throw new InvalidOperationException(string.Join(" ", setup.Problems));
var spec = new CodeRunSpec { CodePath = script, WorkingDirectory = folder, PublicDataDirectory = folder, Timeout = TimeSpan.FromSeconds(30) };

var siloPort = Random.Shared.Next(41000, 49000);
var options = new DojoSiloOptions
{
    ClusterId = "bench-" + siloPort,
    SiloPort = siloPort,
    GatewayPort = siloPort + 1,
    CompetitionsRoot = Path.GetFullPath("data/competitions"),
    EpisodesRoot = Path.Combine(folder, "episodes"),
    Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "grid.db")}" },
    Devices = new DojoDevicesOptions { Node = "bench", Gpus = "none" },
};
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo.UseMLEDojo(options));
using var host = builder.Build();
await host.StartAsync();
var episode = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IEpisodeGrain>("bench");
var reset = await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic", MaxSteps = runs + 10 });
if (reset.Error is not null) throw new InvalidOperationException(reset.Error);

var bare = new List<double>();
var alone = new List<double>();
var step = new List<double>();
for (var i = 0; i < runs + 3; i++)
{
    var clock = Stopwatch.StartNew();
    using (var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script]) { RedirectStandardOutput = true, WorkingDirectory = folder })!)
    {
        await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
    }
    var bareMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var outcome = await sandbox.RunAsync(spec, CancellationToken.None);
    var aloneMs = clock.Elapsed.TotalMilliseconds;
    if (outcome.Status != CodeRunStatus.Success) throw new InvalidOperationException($"{outcome.Status}: {outcome.Stderr}");
    clock.Restart();
    var result = await episode.Step(EpisodeAction.ExecuteCode(Code));
    var stepMs = clock.Elapsed.TotalMilliseconds;
    if (result.Observation.Execution?.Status != ExecutionStatus.Success) throw new InvalidOperationException(result.Observation.Feedback);
    if (i < 3) continue; // warm-up
    bare.Add(bareMs);
    alone.Add(aloneMs);
    step.Add(stepMs);
}
await host.StopAsync();

static double Median(IEnumerable<double> values) { var s = values.Order().ToList(); return (s[(s.Count - 1) / 2] + s[s.Count / 2]) / 2; }
Console.WriteLine($"runs={runs} isolation='{sandbox.Description}' load={File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine($"bare python3 script.py: median {Median(bare):F1} ms");
Console.WriteLine($"sandbox runner alone:  median {Median(alone):F1} ms, added {Median(alone.Zip(bare, (a, b) => a - b)):F1} ms");
Console.WriteLine($"episode step (grain + one sandboxed run + SQLite write): median {Median(step):F1} ms, added {Median(step.Zip(bare, (a, b) => a - b)):F1} ms");
Directory.Delete(folder, recursive: true);
