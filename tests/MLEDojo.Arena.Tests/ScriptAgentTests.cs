using System.Net;
using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Tests.Infrastructure;

namespace MLEDojo.Arena.Tests;

/// <summary>Uploaded agent scripts: they play their episode over the gateway's HTTP API, and their crashes are theirs.</summary>
[Collection(ArenaServerCollection.Name)]
public sealed class ScriptAgentTests(ArenaServer server)
{
    private static SubmissionDefinition Script => new() { Kind = AgentKind.Script, Competitions = ["home-data-for-ml-course"], MaxSteps = 4 };

    /// <summary>A remote client's loop in plain Python: resume the episode the arena started, ask for info, submit the sample.</summary>
    private const string PlayingScript = """
        import json, os, urllib.request

        def call(path, body):
            request = urllib.request.Request(os.environ["DOJO_GATEWAY"] + path, data=json.dumps(body).encode(), method="POST",
                headers={"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["DOJO_API_KEY"]})
            with urllib.request.urlopen(request) as response:
                return json.load(response)

        episode = os.environ["DOJO_EPISODE_ID"]
        call("/reset", {"env": "mle", "competition": os.environ["DOJO_COMPETITION"], "episode_id": episode})
        info = call("/step", {"episode_id": episode, "request_id": "r1", "action": {"action_type": "request_info", "info_type": "data_path"}})
        code = "import shutil, os\nshutil.copyfile(os.path.join(os.environ['DOJO_DATA_DIR'], 'sample_submission.csv'), 'submission.csv')\n"
        step = call("/step", {"episode_id": episode, "request_id": "r2", "action": {"action_type": "execute_code", "code": code}})
        print("position score", step["observation"]["current_position_score"])
        """;

    [Fact]
    public async Task A_script_plays_its_episode_over_the_gateway_with_a_key_revoked_after_the_run()
    {
        var created = await server.CreateAsync("alice", Script with { Name = "sample via http" }, PlayingScript, deploy: true);
        Assert.True(created.HasScript);
        var (lines, final) = await server.TailAsync("alice", created.SubmissionId, TimeSpan.FromMinutes(3));
        Assert.True(final.Status == SubmissionState.Active, string.Join("\n", lines.Select(l => l.Text)));
        var episode = Assert.Single(final.Episodes);
        var snapshot = await server.Grains.GetGrain<IEpisodeGrain>(episode.GridEpisodeId!).GetSnapshot();
        Assert.Equal(2, snapshot.StepsTaken);
        Assert.Equal(EpisodeStatus.Closed, snapshot.Status);
        Assert.NotNull(episode.BestPositionScore);
        Assert.Equal(snapshot.BestPositionScore, episode.BestPositionScore);
    }

    [Fact]
    public async Task A_script_that_crashes_fails_the_submission_attributed_to_the_agent_without_a_retry()
    {
        var created = await server.CreateAsync("bob", Script, "raise RuntimeError('the agent fell over')\n", deploy: true);
        var (lines, final) = await server.TailAsync("bob", created.SubmissionId, TimeSpan.FromMinutes(3));
        Assert.Equal(SubmissionState.Failed, final.Status);
        Assert.Equal(ErrorSource.Agent, final.Failure!.Source);
        Assert.Equal("RuntimeError", final.Failure.Type);
        Assert.Contains("the agent fell over", final.Failure.Message);
        var episode = Assert.Single(final.Episodes);
        Assert.Equal(EpisodeJobStatus.Failed, episode.JobStatus);
        Assert.Equal(1, episode.Attempts);
        Assert.Contains(lines, l => l.Kind == "error" && l.Text.StartsWith("agent error[RuntimeError]", StringComparison.Ordinal));
        Assert.Equal("failed", lines[^1].Text[1..7]);
    }

    [Fact]
    public async Task A_script_that_does_not_compile_fails_its_upload_and_cannot_be_deployed()
    {
        var created = await server.CreateAsync("alice", Script);
        Assert.Equal(SubmissionState.Created, created.Status);
        Assert.True(created.IsUploadable);

        using var http = server.ClientFor("alice");
        using var upload = await http.PutAsync($"/api/arena/submissions/{created.SubmissionId}/file", new StringContent("def broken(:\n"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var failed = await ArenaServer.Read<SubmissionStatus>(upload);
        Assert.Equal(SubmissionState.UploadFailed, failed.Status);
        Assert.Contains("does not compile", failed.LastStatusMessage);

        using var deploy = await http.PutAsync($"/api/arena/submissions/{created.SubmissionId}/deploy", null);
        Assert.Equal(HttpStatusCode.Conflict, deploy.StatusCode);
        Assert.Contains("upload_failed", await deploy.Content.ReadAsStringAsync());

        using var fixedUpload = await http.PutAsync($"/api/arena/submissions/{created.SubmissionId}/file", ArenaServer.Json(new { script = "print('ok')\n" }));
        Assert.Equal(SubmissionState.UploadValidated, (await ArenaServer.Read<SubmissionStatus>(fixedUpload)).Status);
    }
}
