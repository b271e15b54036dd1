using System.Diagnostics;
using MLEDojo.Abstractions;
using MLEDojo.Grid.Tests.Infrastructure;
using Orleans.Runtime;

namespace MLEDojo.Grid.Tests;

[Collection(SharedGridCollection.Name)]
public sealed class GpuDeviceTests(SharedGridCluster grid)
{
    [Fact]
    public async Task Each_device_lands_on_the_silo_whose_metadata_names_its_node()
    {
        var management = grid.Client.GetGrain<IManagementGrain>(0);
        foreach (var silo in grid.Cluster.Silos)
        {
            var node = GridCluster.NodeOf(silo.Name);
            for (var index = 0; index < 2; index++)
            {
                var device = grid.Client.GetGrain<IGpuDeviceGrain>($"{node}/{index}");
                var status = await device.GetStatus();
                Assert.Equal(node, status.SiloNode);
                Assert.Equal(silo.SiloAddress, await management.GetActivationAddress(device));
            }
        }
    }

    [Fact]
    public async Task Executions_on_one_device_never_overlap_and_run_in_arrival_order()
    {
        var node = GridCluster.NodeOf(grid.Cluster.Silos[1].Name);
        var device = grid.Client.GetGrain<IGpuDeviceGrain>($"{node}/1");
        var episodeId = "gpu-fifo-" + Guid.NewGuid().ToString("N");
        var folder = Path.Combine(grid.EpisodesRoot, episodeId);
        Directory.CreateDirectory(folder);

        var sent = new List<Task<ExecutionResult>>();
        for (var i = 0; i < 3; i++)
        {
            var code = Path.Combine(folder, $"execution_{i}.py");
            await File.WriteAllTextAsync(code, i == 0 ? "#sleep 1000" : "#sleep 200");
            sent.Add(device.Execute(new ExecutionRequest
            {
                EpisodeId = episodeId, Step = i, CodePath = code, WorkingDirectory = folder,
                PublicDataDirectory = Path.Combine(RepoPaths.CompetitionsRoot, "spaceship-titanic", "data", "public"),
                Timeout = TimeSpan.FromMinutes(1),
            }));
            // Arrival order is what FIFO promises, so the requests are sent apart.
            await Task.Delay(150);
        }
        var results = await Task.WhenAll(sent);

        var runs = grid.Runner.RunsIn(episodeId).OrderBy(r => r.Started).ToArray();
        Assert.Equal(3, runs.Length);
        Assert.Equal(["execution_0.py", "execution_1.py", "execution_2.py"], runs.Select(r => Path.GetFileName(r.Spec.CodePath)));
        for (var i = 1; i < runs.Length; i++)
            Assert.True(runs[i].Started >= runs[i - 1].Finished, $"run {i} started before run {i - 1} finished");
        Assert.All(runs, r => Assert.Equal("1", r.Spec.Environment["CUDA_VISIBLE_DEVICES"]));
        Assert.Equal(0, results[0].QueuePosition);
        Assert.True(results[1].QueuePosition >= 1 && results[1].QueueWait > TimeSpan.Zero);
        Assert.All(results, r => Assert.Equal($"{node}/1", r.Device));
        Assert.Equal(0, (await device.GetStatus()).Queued);
    }

    [Fact]
    public async Task A_device_on_a_node_without_a_silo_fails_fast_with_a_clear_error()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => grid.Client.GetGrain<IGpuDeviceGrain>("node-absent/0").GetStatus());
        Assert.Contains("node.id=node-absent", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_device_index_its_node_does_not_have_is_refused()
    {
        var node = GridCluster.NodeOf(grid.Cluster.Silos[0].Name);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => grid.Client.GetGrain<IGpuDeviceGrain>($"{node}/7").GetStatus());
        Assert.Contains($"GPU device '{node}/7' does not exist", error.Message);
    }

    [Fact]
    public async Task A_gpu_episode_runs_its_code_on_its_device()
    {
        var id = "gpu-episode-" + Guid.NewGuid().ToString("N");
        var episode = grid.Client.GetGrain<IEpisodeGrain>(id);
        Assert.Null((await episode.Reset(new EpisodeOptions { Competition = "spaceship-titanic", ResourceClass = ResourceClass.Gpu })).Error);
        var step = await episode.Step(EpisodeAction.ExecuteCode("#copy 3_true_answers.csv"));
        var execution = step.Observation.Execution!;
        Assert.Matches("^node-.+/[01]$", execution.Device);
        Assert.Equal(1.0, execution.Submission!.RawScore);
        var run = Assert.Single(grid.Runner.RunsIn(id));
        Assert.Equal(execution.Device[^1..], run.Spec.Environment["CUDA_VISIBLE_DEVICES"]);
    }
}
