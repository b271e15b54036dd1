using System.Net;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Tests.Infrastructure;

namespace MLEDojo.Arena.Tests;

/// <summary>A user sees, tails, deploys and deletes only their own submissions; admins any; creator keys none.</summary>
[Collection(ArenaServerCollection.Name)]
public sealed class ScopeTests(ArenaServer server)
{
    private static readonly SubmissionDefinition InfoOnly = new() { Agent = "info-only", Competitions = ["home-data-for-ml-course"], MaxSteps = 2 };

    [Fact]
    public async Task Another_user_cannot_see_tail_deploy_or_delete_a_submission_and_an_admin_can()
    {
        var mine = await server.CreateAsync("alice", InfoOnly);
        var path = $"/api/arena/submissions/{mine.SubmissionId}";
        using var bob = server.ClientFor("bob");
        foreach (var route in new[] { path, path + "/status", path + "/tail" })
        {
            using var response = await bob.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("belongs to another user", await response.Content.ReadAsStringAsync());
        }
        using (var deploy = await bob.PutAsync(path + "/deploy", null)) Assert.Equal(HttpStatusCode.Forbidden, deploy.StatusCode);
        using (var delete = await bob.DeleteAsync(path)) Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        using (var mineList = await bob.GetAsync("/api/arena/mine"))
            Assert.DoesNotContain(mine.SubmissionId, await mineList.Content.ReadAsStringAsync());

        using var root = server.ClientFor("root");
        using (var seen = await root.GetAsync(path)) Assert.Equal(mine.SubmissionId, (await ArenaServer.Read<SubmissionStatus>(seen)).SubmissionId);
        using (var deleted = await root.DeleteAsync(path))
            Assert.Equal(SubmissionState.Deleted, (await ArenaServer.Read<SubmissionStatus>(deleted)).Status);

        using var alice = server.ClientFor("alice");
        using var after = await alice.GetAsync(path);
        Assert.Equal(SubmissionState.Deleted, (await ArenaServer.Read<SubmissionStatus>(after)).Status);
        using var list = await alice.GetAsync("/api/arena/mine");
        Assert.Contains(await ArenaServer.Read<SubmissionStatus[]>(list), s => s.SubmissionId == mine.SubmissionId);
    }

    [Fact]
    public async Task Submissions_need_a_user_or_admin_key_and_unknown_ids_are_404()
    {
        using (var anonymous = server.ClientFor(null))
        using (var response = await anonymous.PostAsync("/api/arena/submissions", ArenaServer.Json(new { definition = InfoOnly })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        using (var creator = server.ClientFor("carol"))
        using (var response = await creator.PostAsync("/api/arena/submissions", ArenaServer.Json(new { definition = InfoOnly })))
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var alice = server.ClientFor("alice");
        using var unknown = await alice.GetAsync("/api/arena/submissions/sub-nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
