using MLEDojo.Abstractions;
using MLEDojo.Client;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage (root, on a machine with an NVIDIA GPU; see docs/GPU.md):
//   GpuCheck <competitions root> <python> <bwrap> [bwrap library folder] [extra read-only path]
// Prints one line per check and exits 0 only when all three hold:
//   1. 6 GiB allocated by PyTorch under a 1 GiB cap is killed as GpuOutOfMemory;
//   2. the same under a 20 GiB cap succeeds;
//   3. two GPU executions on device 0, started together, do not overlap in time.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: GpuCheck <competitions root> <python> <bwrap> [bwrap library folder] [extra read-only path]");
    return 2;
}
const string Allocate = """
    import time, torch
    chunks = []
    for i in range(24):
        chunks.append(torch.empty(256 * 1024 * 1024, dtype=torch.uint8, device='cuda'))
        print(f'{(i + 1) * 256} MiB', flush=True)
        time.sleep(0.05)
    """;
const string Hold = """
    import time, torch
    x = torch.ones(64 * 1024 * 1024, device='cuda')
    time.sleep(3)
    print('held', flush=True)
    """;

var folder = Directory.CreateTempSubdirectory("gpu-check-").FullName;
if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
var siloPort = Random.Shared.Next(41000, 49000);
var options = new DojoSiloOptions
{
    ClusterId = "gpu-check",
    SiloPort = siloPort,
    GatewayPort = siloPort + 1,
    CompetitionsRoot = Path.GetFullPath(args[0]),
    EpisodesRoot = Path.Combine(folder, "episodes"),
    Storage = new DojoStorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "grid.db")}" },
    Devices = new DojoDevicesOptions { Node = "gpu-check", Gpus = "0" },
    Python = args[1],
    Sandbox = new DojoSandboxOptions
    {
        Bubblewrap = args[2],
        BubblewrapLibraryPath = args.Length > 3 ? args[3] : null,
        ExtraReadOnlyPaths = args.Length > 4 ? [args[4]] : [],
        MemoryMb = 16384,
        GpuMemoryMb = 1024,
        MaxGpuMemoryMb = 81920,
    },
};
var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.UseOrleans(silo => silo.UseMLEDojo(options));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var failures = 0;

async Task<ExecutionResult> Run(string episodeId, int gpuMemoryMb, string code)
{
    var episode = grains.GetGrain<IEpisodeGrain>(episodeId);
    var reset = await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic", ResourceClass = ResourceClass.Gpu, GpuMemoryMb = gpuMemoryMb });
    if (reset.Error is not null) throw new InvalidOperationException(reset.Error);
    var step = await episode.Step(EpisodeAction.ExecuteCode(code));
    return step.Observation.Execution ?? throw new InvalidOperationException(step.Observation.Feedback);
}

void Report(string check, bool ok, ExecutionResult result)
{
    failures += ok ? 0 : 1;
    Console.WriteLine($"{(ok ? "PASS" : "FAIL")} {check}: status={result.Status} class={result.ErrorClass} exit={result.ExitCode} " +
        $"peak_gpu_mib={result.PeakGpuMemoryBytes / (1024 * 1024)} duration_s={result.Duration.TotalSeconds:F2} isolation='{result.Isolation}'");
    Console.WriteLine("  stdout: " + result.Stdout.Replace("\n", " | "));
    Console.WriteLine("  stderr tail: " + (result.Stderr.Length > 600 ? result.Stderr[^600..] : result.Stderr).Replace("\n", " | "));
}

var over = await Run("over-cap", 1024, Allocate);
Report("6 GiB under a 1 GiB cap is GpuOutOfMemory", over.Status == ExecutionStatus.GpuOutOfMemory, over);
var under = await Run("under-cap", 20480, Allocate);
Report("6 GiB under a 20 GiB cap succeeds", under.Status == ExecutionStatus.Success, under);
var both = await Task.WhenAll(Run("serial-a", 4096, Hold), Run("serial-b", 4096, Hold));
var (first, second) = both[0].StartedAt <= both[1].StartedAt ? (both[0], both[1]) : (both[1], both[0]);
var apart = first.FinishedAt <= second.StartedAt && both.All(r => r.Status == ExecutionStatus.Success);
Report($"two GPU executions never overlap (first {first.StartedAt:HH:mm:ss.fff}-{first.FinishedAt:HH:mm:ss.fff}, second from {second.StartedAt:HH:mm:ss.fff})", apart, second);

await host.StopAsync();
Directory.Delete(folder, recursive: true);
Console.WriteLine(failures == 0 ? "ALL GPU CHECKS PASSED" : $"{failures} GPU CHECK(S) FAILED");
return failures == 0 ? 0 : 1;
