using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Tests.Infrastructure;
using Orleans.Runtime;

namespace MLEDojo.Arena.Tests;

/// <summary>A submission whose silo dies mid-evaluation resumes elsewhere; the episodes it lost are retried as platform failures.</summary>
public sealed class SiloLossTests : IClassFixture<ArenaCluster>
{
    private readonly ArenaCluster _grid;

    public SiloLossTests(ArenaCluster grid) => _grid = grid;

    [Fact]
    public async Task A_submission_whose_silo_is_killed_during_its_run_finishes_after_a_platform_retry()
    {
        var management = _grid.Client.GetGrain<IManagementGrain>(0);
        var (submission, host) = await _grid.OnKillableSiloAsync(async attempt =>
        {
            var candidate = _grid.Client.GetGrain<ISubmissionGrain>($"sub-kill-{attempt}-{Guid.NewGuid():N}");
            await candidate.Create("alice", new SubmissionDefinition
            {
                Agent = "sample-submission", Competitions = ["spaceship-titanic", "home-data-for-ml-course"], EpisodesPerCompetition = 2, MaxSteps = 4,
            });
            return candidate;
        });

        var deployed = await submission.Deploy();
        Assert.Null(deployed.Refusal);
        SubmissionStatus status;
        do
        {
            await Task.Delay(100);
            status = (await submission.GetStatus())!;
        } while (!status.Episodes.Any(e => e.JobStatus == EpisodeJobStatus.Running) && !status.IsSettled);
        Assert.Equal(SubmissionState.Running, status.Status);

        await _grid.Cluster.KillSiloAsync(_grid.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        await _grid.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);

        // Asking for the status activates the submission on a live silo, which resumes the evaluation.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        do
        {
            await Task.Delay(250);
            status = (await submission.GetStatus())!;
        } while (!status.IsSettled && DateTime.UtcNow < deadline);

        var log = (await submission.WaitForEvents(0, TimeSpan.Zero)).Events.Select(e => e.Text).ToArray();
        Assert.True(status.Status == SubmissionState.Active, string.Join("\n", log));
        Assert.NotEqual(host, await management.GetActivationAddress(submission));
        Assert.Null(status.Failure);
        Assert.All(status.Episodes, e => Assert.Equal(EpisodeJobStatus.Completed, e.JobStatus));
        var retried = status.Episodes.Where(e => e.Attempts > 1).ToArray();
        Assert.NotEmpty(retried);
        // The retried attempt's failure was the platform's, recorded in the log; the episode itself then completed.
        Assert.Contains(log, l => l.StartsWith("platform error[lost]", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("resumed after the silo running it stopped"));
        Assert.All(retried, e => Assert.EndsWith($".a{e.Attempts}", e.GridEpisodeId));
    }
}
