using System.Net;
using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Leaderboards;
using MLEDojo.Arena.Tests.Infrastructure;

namespace MLEDojo.Arena.Tests;

[Collection(ArenaServerCollection.Name)]
public sealed class ScriptedSubmissionTests(ArenaServer server)
{
    private static readonly string[] Competitions = ["spaceship-titanic", "home-data-for-ml-course"];

    [Fact]
    public async Task The_scripted_agent_over_two_shipped_competitions_goes_from_created_to_active_and_its_leaderboard_rows_are_its_episodes()
    {
        var created = await server.CreateAsync("alice", new SubmissionDefinition
        {
            Name = "scripted baseline", Agent = "scripted", Competitions = Competitions, EpisodesPerCompetition = 1, MaxSteps = 10, Tags = ["baseline"],
        });
        Assert.Equal(SubmissionState.UploadValidated, created.Status);
        Assert.True(created.IsDeployable);
        Assert.Equal(Competitions, created.Competitions);

        using var http = server.ClientFor("alice");
        using (var deploy = await http.PutAsync($"/api/arena/submissions/{created.SubmissionId}/deploy", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, deploy.StatusCode);
            var answer = await ArenaServer.Read<MLEDojo.Arena.DeployResponse>(deploy);
            Assert.Contains(answer.Submission.Status, new[] { SubmissionState.Queued, SubmissionState.Running });
            Assert.Equal(1, answer.Limits.DailyDeployUsed);
        }

        var (lines, final) = await server.TailAsync("alice", created.SubmissionId, TimeSpan.FromMinutes(8));
        Assert.True(final.Status == SubmissionState.Active, string.Join("\n", lines.Select(l => l.Text)));
        var states = lines.Where(l => l.Kind == "status").Select(l => l.Text[1..l.Text.IndexOf(']')]).ToArray();
        Assert.Equal(["created", "upload_validated", "queued", "running", "active"], states);
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), lines.Select(l => l.Seq));
        Assert.Equal(2, lines.Count(l => l.Text.Contains("job_status=completed")));
        Assert.Null(final.Failure);

        foreach (var competition in Competitions)
        {
            var episode = Assert.Single(final.Episodes, e => e.Competition == competition);
            Assert.Equal(EpisodeJobStatus.Completed, episode.JobStatus);
            Assert.Equal(1, episode.Attempts);
            // What the grid's own episode recorded is what the submission and the leaderboard show.
            var snapshot = await server.Grains.GetGrain<IEpisodeGrain>(episode.GridEpisodeId!).GetSnapshot();
            Assert.NotNull(snapshot.BestPositionScore);
            Assert.Equal(snapshot.BestPositionScore, episode.BestPositionScore);
            Assert.Equal(snapshot.BestMedal, episode.Medal);
            Assert.Equal(5, snapshot.StepsTaken);

            using var response = await http.GetAsync($"/api/arena/leaderboards/{competition}?user=alice");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var board = await ArenaServer.Read<Leaderboard>(response);
            var row = Assert.Single(board.Rows, r => r.SubmissionId == created.SubmissionId);
            Assert.Equal(snapshot.BestPositionScore!.Value, row.MeanScore, 12);
            Assert.Null(row.ScoreCi95);
            Assert.Equal(1, row.Episodes);
            Assert.Equal(snapshot.BestMedal == "gold" ? 1 : 0, row.Gold);
            Assert.Equal(snapshot.BestMedal == "silver" ? 1 : 0, row.Silver);
            Assert.Equal(snapshot.BestMedal == "bronze" ? 1 : 0, row.Bronze);
            Assert.Equal("alice", row.Username);
            Assert.Equal("scripted baseline", row.Name);
            Assert.Equal(["baseline"], row.Tags);
        }

        // The page needs no key: leaderboards are public reads.
        using var anonymous = server.ClientFor(null);
        using var page = await anonymous.GetAsync("/arena/leaderboards/spaceship-titanic?tag=baseline");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains(created.SubmissionId, await page.Content.ReadAsStringAsync());
    }
}
