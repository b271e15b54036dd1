using System.Net;
using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Grains.Running;
using MLEDojo.Arena.Leaderboards;
using MLEDojo.Arena.Tests.Infrastructure;

namespace MLEDojo.Arena.Tests;

/// <summary>
/// The LLM agent end to end against a fake OpenAI-compatible server on loopback. Its model endpoint is part of the
/// submission, so an endpoint that keeps failing (500, or past the submission's timeout) is the agent's failure:
/// attributed to the agent, never retried as a platform failure.
/// </summary>
[Collection(ArenaServerCollection.Name)]
public sealed class LlmSubmissionTests(ArenaServer server) : IAsyncLifetime
{
    private static readonly string[] Competitions = ["spaceship-titanic", "home-data-for-ml-course"];
    private FakeModelServer _model = null!;

    public async Task InitializeAsync() => _model = await FakeModelServer.StartAsync();

    public async Task DisposeAsync() => await _model.DisposeAsync();

    private SubmissionDefinition Llm(string mode, int? timeoutSeconds = null) => new()
    {
        Kind = AgentKind.Llm,
        Name = "fake " + mode,
        Llm = new LlmEndpoint { Url = _model.Url(mode), Model = "fake-coder", ApiKey = "sk-fake", TimeoutSeconds = timeoutSeconds },
        Competitions = Competitions,
        MaxSteps = 2,
    };

    [Fact]
    public async Task An_llm_submission_goes_from_created_to_active_and_its_leaderboard_rows_are_its_episodes()
    {
        var created = await server.CreateAsync("gina", Llm("canned"));
        Assert.Equal(SubmissionState.UploadValidated, created.Status);
        using var http = server.ClientFor("gina");
        using (var deploy = await http.PutAsync($"/api/arena/submissions/{created.SubmissionId}/deploy", null))
            Assert.Equal(HttpStatusCode.Accepted, deploy.StatusCode);

        var (lines, final) = await server.TailAsync("gina", created.SubmissionId, TimeSpan.FromMinutes(5));
        Assert.True(final.Status == SubmissionState.Active, string.Join("\n", lines.Select(l => l.Text)));
        var states = lines.Where(l => l.Kind == "status").Select(l => l.Text[1..l.Text.IndexOf(']')]).ToArray();
        Assert.Equal(["created", "upload_validated", "queued", "running", "active"], states);
        Assert.True(_model.Requests("canned") >= 2, $"the model was asked {_model.Requests("canned")} times");

        foreach (var competition in Competitions)
        {
            var episode = Assert.Single(final.Episodes, e => e.Competition == competition);
            Assert.Equal(EpisodeJobStatus.Completed, episode.JobStatus);
            var snapshot = await server.Grains.GetGrain<IEpisodeGrain>(episode.GridEpisodeId!).GetSnapshot();
            Assert.Equal(2, snapshot.StepsTaken);
            Assert.NotNull(snapshot.BestPositionScore);
            Assert.Equal(snapshot.BestPositionScore, episode.BestPositionScore);

            using var response = await http.GetAsync($"/api/arena/leaderboards/{competition}?user=gina");
            var row = Assert.Single((await ArenaServer.Read<Leaderboard>(response)).Rows, r => r.SubmissionId == created.SubmissionId);
            Assert.Equal(snapshot.BestPositionScore!.Value, row.MeanScore, 12);
            Assert.Equal(1, row.Episodes);
            Assert.Equal(snapshot.BestMedal == "bronze" ? 1 : 0, row.Bronze);
            Assert.Equal("fake canned", row.Name);
        }
        // The model's key is the submitter's secret: never shown back.
        Assert.DoesNotContain("sk-fake", await (await http.GetAsync($"/api/arena/submissions/{created.SubmissionId}")).Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("broken", null, ModelEndpointFailedException.Type, "500")]
    [InlineData("slow", 1, "llm_timeout", "did not answer within 1 s")]
    public async Task A_failing_model_endpoint_is_the_agents_failure_and_is_not_retried(string mode, int? timeoutSeconds, string type, string message)
    {
        var created = await server.CreateAsync("hank", Llm(mode, timeoutSeconds) with { Competitions = ["home-data-for-ml-course"] }, deploy: true);
        var (lines, final) = await server.TailAsync("hank", created.SubmissionId, TimeSpan.FromMinutes(3));
        Assert.True(final.Status == SubmissionState.Failed, string.Join("\n", lines.Select(l => l.Text)));
        Assert.Equal(ErrorSource.Agent, final.Failure!.Source);
        Assert.Equal(type, final.Failure.Type);
        Assert.Contains(message, final.Failure.Message);
        Assert.Equal(1, Assert.Single(final.Episodes).Attempts);
        // One attempt's worth of asks: the agent's own transport retries (2) or re-asks (3), no platform retry on top.
        Assert.Equal(mode == "broken" ? 3 : 4, _model.Requests(mode));
    }
}
