using System.Net;
using System.Text.Json.Nodes;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Tests.Infrastructure;

namespace MLEDojo.Arena.Tests;

[Collection(ArenaServerCollection.Name)]
public sealed class LimitAndValidationTests(ArenaServer server)
{
    private static readonly SubmissionDefinition InfoOnly = new() { Agent = "info-only", Competitions = ["home-data-for-ml-course"], MaxSteps = 2 };

    [Fact]
    public async Task Active_submissions_and_daily_deploys_are_limited_per_user_with_a_refusal_that_says_why()
    {
        // The server allows 3 active submissions and 4 deploys a day per user.
        using var erin = server.ClientFor("erin");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add((await server.CreateAsync("erin", InfoOnly, deploy: true)).SubmissionId);

        var fourth = await server.CreateAsync("erin", InfoOnly);
        using (var refused = await erin.PutAsync($"/api/arena/submissions/{fourth.SubmissionId}/deploy", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Contains("3 active submissions", body["error"]!.GetValue<string>());
            Assert.Equal(3, body["limits"]!["active_submissions"]!.GetValue<int>());
            Assert.Equal(3, body["limits"]!["max_active_submissions"]!.GetValue<int>());
            Assert.False(body["limits"]!["can_deploy"]!.GetValue<bool>());
            Assert.Equal("upload_validated", body["submission"]!["status"]!.GetValue<string>());
        }

        using (await erin.DeleteAsync($"/api/arena/submissions/{ids[0]}")) { }
        using (var accepted = await erin.PutAsync($"/api/arena/submissions/{fourth.SubmissionId}/deploy", null))
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using (await erin.DeleteAsync($"/api/arena/submissions/{ids[1]}")) { }
        var fifth = await server.CreateAsync("erin", InfoOnly);
        using var daily = await erin.PutAsync($"/api/arena/submissions/{fifth.SubmissionId}/deploy", null);
        Assert.Equal(HttpStatusCode.Conflict, daily.StatusCode);
        var refusal = JsonNode.Parse(await daily.Content.ReadAsStringAsync())!;
        Assert.Contains("4 deploys in the last 24 hours", refusal["error"]!.GetValue<string>());
        Assert.Equal(4, refusal["limits"]!["daily_deploy_used"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"definition": {"agent": "scripted", "competition_set": "huge"}}""", "Unknown competition set 'huge'")]
    [InlineData("""{"definition": {"agent": "scripted", "competitions": ["spaceship-titanic"], "episodes_per_competition": 0}}""", "episodes_per_competition is 0")]
    [InlineData("""{"definition": {"kind": "llm", "competitions": ["spaceship-titanic"]}}""", "llm (url, model) is required")]
    [InlineData("""{"definition": {"agent": "scripted"}}""", "at least one competition")]
    [InlineData("""{"definition": {"agent": "scripted", "competitions": ["spaceship-titanic"], "episodes": 3}}""", "episodes")]
    [InlineData("""{"definition": {"kind": "robot", "competitions": ["spaceship-titanic"]}}""", "kind")]
    public async Task A_bad_definition_is_refused_with_what_to_fix(string body, string expected)
    {
        using var alice = server.ClientFor("alice");
        using var response = await alice.PostAsync("/api/arena/submissions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_agents_and_competitions_fail_validation_and_say_so()
    {
        var status = await server.CreateAsync("alice", new SubmissionDefinition { Agent = "genius", Competitions = ["no-such-competition", "spaceship-titanic"] });
        Assert.Equal(SubmissionState.UploadFailed, status.Status);
        Assert.Contains("Unknown agent 'genius'", status.LastStatusMessage);
        Assert.Contains("'no-such-competition'", status.LastStatusMessage);
        Assert.DoesNotContain("'spaceship-titanic'", status.LastStatusMessage);
        Assert.False(status.IsDeployable);
    }
}
