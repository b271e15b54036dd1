using System.Diagnostics;
using MLEDojo.Execution;
using MLEDojo.Execution.Sandbox;

// Usage: dotnet run --project bench/SandboxOverhead -c Release -- [runs]
// Alternates a bare `/usr/bin/python3 script.py` (Process.Start, wait) with the same script through the sandbox
// (cgroups + setpriv + prlimit + bwrap, the output guard, the tree kill and cgroup removal), and prints medians.
var runs = args.Length > 0 ? int.Parse(args[0]) : 40;
var folder = Directory.CreateTempSubdirectory("sandbox-bench-").FullName;
if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
var script = Path.Combine(folder, "script.py");
File.WriteAllText(script, "print('ok')\n");
var setup = await SandboxedCodeRunner.CreateAsync(new ExecutionLimits(), new SandboxOptions());
var sandbox = setup.Runner ?? throw new InvalidOperationException(string.Join(" ", setup.Problems));
var spec = new CodeRunSpec { CodePath = script, WorkingDirectory = folder, PublicDataDirectory = folder, Timeout = TimeSpan.FromSeconds(30) };

var bare = new List<double>();
var sandboxed = new List<double>();
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
    var sandboxMs = clock.Elapsed.TotalMilliseconds;
    if (outcome.Status != CodeRunStatus.Success)
        throw new InvalidOperationException($"{outcome.Status}: {outcome.Stderr}");
    if (i < 3)
        continue; // warm-up
    bare.Add(bareMs);
    sandboxed.Add(sandboxMs);
}
static double Median(List<double> values) { var s = values.Order().ToList(); return (s[(s.Count - 1) / 2] + s[s.Count / 2]) / 2; }
Console.WriteLine($"runs={runs} isolation='{sandbox.Description}' bare_median_ms={Median(bare):F1} sandboxed_median_ms={Median(sandboxed):F1} " +
    $"added_median_ms={Median(sandboxed.Zip(bare, (s, b) => s - b).ToList()):F1} load={File.ReadAllText("/proc/loadavg").Trim()}");
Directory.Delete(folder, recursive: true);
