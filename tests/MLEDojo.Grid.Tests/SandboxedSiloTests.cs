using MLEDojo.Client;
using MLEDojo.Abstractions;
using MLEDojo.Grid.Tests.Infrastructure;
using MLEDojo.Hosting;
using MLEDojo.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MLEDojo.Grid.Tests;

/// <summary>
/// The production default: a silo with no code runner given runs agent code in the real sandbox (CI: root and
/// bubblewrap from scripts/setup.sh). Escape attempts through whole episodes are contained and classified, the
/// episode's own limits apply, and the silo keeps serving real submissions afterwards.
/// </summary>
public sealed class SandboxedSiloTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mledojo-sandboxed-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Escapes_through_episodes_are_contained_and_the_silo_keeps_scoring()
    {
        var siloPort = Random.Shared.Next(31000, 39000);
        var database = Path.Combine(_folder, "db", "grid.db");
        var options = new DojoSiloOptions
        {
            ClusterId = "sandboxed-" + siloPort,
            SiloPort = siloPort,
            GatewayPort = siloPort + 1,
            CompetitionsRoot = RepoPaths.CompetitionsRoot,
            EpisodesRoot = Path.Combine(_folder, "episodes"),
            Storage = new DojoStorageOptions { ConnectionString = $"Data Source={database}" },
            Devices = new DojoDevicesOptions { Node = "solo", Gpus = "none" },
            Sandbox = new DojoSandboxOptions { MemoryMb = 512, MaxMemoryMb = 1024, Cpus = 1, MaxProcesses = 64, TmpMb = 16 },
        };
        Assert.Empty(DojoSiloOptionsValidator.Problems(options));
        var answers = Path.Combine(RepoPaths.CompetitionsRoot, "spaceship-titanic", "data", "private", "test_answer.csv");

        var builder = Host.CreateApplicationBuilder(HostArguments.Defaults);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseMLEDojo(options));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var episode = grains.GetGrain<IEpisodeGrain>("sandboxed-episode");
            Assert.Contains("sandbox.maxMemoryMb", (await grains.GetGrain<IEpisodeGrain>("too-big").Reset(
                new EpisodeOptions { Competition = "spaceship-titanic", MemoryMb = 4096 })).Error);
            Assert.Null((await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic", MemoryMb = 128, MaxSteps = 20 })).Error);

            var byPath = await Execute(episode, $"import shutil; shutil.copy('{answers}', 'submission.csv')");
            Assert.Equal(ExecutionStatus.CodeError, byPath.Status);
            Assert.Equal("FileNotFoundError", byPath.ErrorClass);
            Assert.Contains("FileNotFoundError", byPath.Traceback);
            Assert.Equal("bubblewrap + cgroup v1", byPath.Isolation);

            var database_ = await Execute(episode, $"print(open('{database}', 'rb').read())");
            Assert.Equal("FileNotFoundError", database_.ErrorClass);

            var bySymlink = await Execute(episode, $"import os; os.symlink('{answers}', 'submission.csv')");
            Assert.Equal(ExecutionStatus.Success, bySymlink.Status);
            Assert.Contains("symbolic link", bySymlink.Stderr);
            Assert.False(bySymlink.Submission?.Valid ?? false);

            // The next step's code file name, planted as a link to a host file: the silo must not write through it.
            var victim = Path.Combine(_folder, "victim.txt");
            File.WriteAllText(victim, "untouched");
            var planted = await Execute(episode, $"import os; os.symlink('{victim}', 'execution_5.py')");
            Assert.Equal(ExecutionStatus.Success, planted.Status);
            Assert.Equal(victim, new FileInfo(Path.Combine(options.EpisodesRoot, "sandboxed-episode", "execution_5.py")).LinkTarget);

            var hog = await Execute(episode, "chunks = [bytearray(32 << 20) for _ in range(16)]");
            Assert.Equal(ExecutionStatus.OutOfMemory, hog.Status);
            Assert.InRange(hog.PeakMemoryBytes!.Value, 64L << 20, 128L << 20);
            Assert.Equal("untouched", File.ReadAllText(victim));

            var bomb = await Execute(episode, "import os\nwhile True:\n    os.fork()");
            // This episode's memory cap is small (the hog above), so the bomb's copies can reach it before the process
            // cap: either cap containing it is correct; what matters is that it ends as a cap, not as a code error.
            Assert.Contains(bomb.Status, new[] { ExecutionStatus.ResourceExceeded, ExecutionStatus.OutOfMemory });

            var fine = await Execute(episode, """
                import os, shutil
                shutil.copy(os.path.join(os.environ['DOJO_DATA_DIR'], 'sample_submission.csv'), 'submission.csv')
                """);
            Assert.Equal(ExecutionStatus.Success, fine.Status);
            Assert.True(fine.Submission!.Valid);
            Assert.NotNull(fine.CpuTime);
            Assert.NotNull(fine.PeakMemoryBytes);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<ExecutionResult> Execute(IEpisodeGrain episode, string code)
    {
        var step = await episode.Step(EpisodeAction.ExecuteCode(code));
        return step.Observation.Execution ?? throw new InvalidOperationException("No execution result: " + step.Error + step.Observation.Feedback);
    }
}
