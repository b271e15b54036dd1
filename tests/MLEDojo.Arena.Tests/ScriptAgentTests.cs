using System.Net;
using System.Net.Http.Headers;
using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Tests.Infrastructure;
using MLEDojo.Gateway.Arena;
using MLEDojo.Grid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MLEDojo.Arena.Tests;

/// <summary>
/// Uploaded agent scripts: they play their episode with the Python client over the gateway's Unix socket, with a key
/// good for that episode only and gone after the run; their crashes are theirs.
/// </summary>
[Collection(ArenaServerCollection.Name)]
public sealed class ScriptAgentTests(ArenaServer server)
{
    public static SubmissionDefinition Script => new() { Kind = AgentKind.Script, Competitions = ["home-data-for-ml-course"], MaxSteps = 4 };

    public static string ExampleAgent => File.ReadAllText(Path.Combine(RepoPaths.Root, "clients", "python", "examples", "arena_agent.py"));

    [Fact]
    public async Task The_shipped_example_agent_plays_its_episode_over_the_gateway_socket()
    {
        var created = await server.CreateAsync("alice", Script with { Name = "example agent" }, ExampleAgent, deploy: true);
        Assert.True(created.HasScript);
        var (lines, final) = await server.TailAsync("alice", created.SubmissionId, TimeSpan.FromMinutes(3));
        Assert.True(final.Status == SubmissionState.Active, string.Join("\n", lines.Select(l => l.Text)));
        var episode = Assert.Single(final.Episodes);
        var snapshot = await server.Grains.GetGrain<IEpisodeGrain>(episode.GridEpisodeId!).GetSnapshot();
        Assert.Equal(3, snapshot.StepsTaken); // request_info, validate_code, execute_code
        Assert.Equal(EpisodeStatus.Closed, snapshot.Status);
        Assert.NotNull(episode.BestPositionScore);
        Assert.Equal(snapshot.BestPositionScore, episode.BestPositionScore);
        Assert.Equal(0, server.Services.GetRequiredService<ScriptRunKeys>().Count);
    }

    /// <summary>Tries what a run key must not do, plays its own episode, and leaves its key where the test finds it.</summary>
    private const string ProbingScript = """
        import os
        from mledojo_client import DojoAuthError, HttpEnv, execute_code

        assert os.environ["DOJO_GATEWAY_URL"].startswith("unix:///"), os.environ["DOJO_GATEWAY_URL"]
        env = HttpEnv(os.environ["DOJO_GATEWAY_URL"], token=os.environ["DOJO_API_KEY"], retries=0)
        with open("key.txt", "w") as f:
            f.write(os.environ["DOJO_API_KEY"])
        refused = []
        for attempt in (lambda: env.reset("home-data-for-ml-course", episode_id="not-this-run"),
                        lambda: env.request("GET", "/api/arena/mine"),
                        lambda: env.state(os.environ["OTHER_EPISODE"])):
            try:
                attempt()
            except DojoAuthError as e:
                refused.append(e.status)
        assert refused == [403, 403, 403], refused
        env.reset(episode_id=os.environ["DOJO_EPISODE_ID"])
        code = "import shutil, os\nshutil.copyfile(os.path.join(os.environ['DOJO_DATA_DIR'], 'sample_submission.csv'), 'submission.csv')\n"
        print(env.step(execute_code(code))["observation"]["action_status"])
        """;

    [Fact]
    public async Task A_run_key_plays_only_its_own_episode_and_is_revoked_when_the_run_ends()
    {
        // Alice's own episode, which her other keys may play but her script's run key may not.
        using var alice = server.ClientFor("alice");
        using (var reset = await alice.PostAsync("/reset", ArenaServer.Json(new { competition = "home-data-for-ml-course", episode_id = "alice-own-episode" })))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var script = ProbingScript.Replace("os.environ[\"OTHER_EPISODE\"]", "\"alice-own-episode\"", StringComparison.Ordinal);

        var created = await server.CreateAsync("alice", Script with { Name = "prober" }, script, deploy: true);
        var (lines, final) = await server.TailAsync("alice", created.SubmissionId, TimeSpan.FromMinutes(3));
        Assert.True(final.Status == SubmissionState.Active, string.Join("\n", lines.Select(l => l.Text)));
        var episode = Assert.Single(final.Episodes);
        Assert.NotNull(episode.BestPositionScore);

        var runKey = File.ReadAllText(Path.Combine(server.ScriptFolder(created.SubmissionId, episode.GridEpisodeId!), "key.txt"));
        Assert.StartsWith("mlk_user_", runKey);
        using var replay = new HttpClient { BaseAddress = server.BaseAddress };
        replay.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", runKey);
        using var afterRun = await replay.GetAsync($"/state?episode_id={episode.GridEpisodeId}");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRun.StatusCode);
        using (await alice.DeleteAsync($"/api/arena/submissions/{created.SubmissionId}")) { } // frees alice's active slot
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
