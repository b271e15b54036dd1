using System.Net;
using System.Text.Json.Nodes;
using MLEDojo.Abstractions;
using MLEDojo.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace MLEDojo.Gateway.Tests;

public sealed class RemindedExpiryTests(RemindedExpiryGatewayServer server) : IClassFixture<RemindedExpiryGatewayServer>
{
    [Fact]
    public async Task An_idle_episode_expires_on_its_own_releases_its_files_and_answers_expired_everywhere()
    {
        const string episode = "idle-1";
        await server.PostAsync("/reset", $$"""{"competition": "spaceship-titanic", "episode_id": "{{episode}}"}""");
        await server.PostAsync("/step", $$$"""{"episode_id": "{{{episode}}}", "action": {"action_type": "execute_code", "code": "#copy 2_baseline_model.csv"}}""");
        Assert.True(Directory.Exists(Path.Combine(server.EpisodesRoot, episode)));

        // Nobody touches the episode: only its reminder can expire it. /state reads without counting as activity.
        JsonObject state;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(500);
            (_, state) = await server.GetAsync($"/state?episode_id={episode}");
        } while ((string?)state["status"] != "expired" && DateTime.UtcNow < deadline);
        Assert.Equal("expired", (string?)state["status"]);
        Assert.Contains("idle for more than", (string?)state["expiry_reason"]);
        Assert.Null(state["expires_at"]);
        Assert.False(Directory.Exists(Path.Combine(server.EpisodesRoot, episode)));

        var (status, step) = await server.PostAsync("/step", $$$"""{"episode_id": "{{{episode}}}", "action": {"action_type": "get_history"}}""");
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains($"Episode '{episode}' expired", (string?)step["error"]);
        var (resumeStatus, resume) = await server.PostAsync("/reset", $$"""{"episode_id": "{{episode}}"}""");
        Assert.Equal(HttpStatusCode.Gone, resumeStatus);
        Assert.Contains("expired", (string?)resume["error"]);

        using var ws = await server.ConnectAsync();
        var resumed = await ws.AskAsync($$$"""{"type": "reset", "data": {"episode_id": "{{{episode}}}"}}""");
        Assert.Equal("error", (string?)resumed["type"]);
        Assert.Equal("SESSION_ERROR", (string?)resumed["data"]!["code"]);
        Assert.Contains("expired", (string?)resumed["data"]!["message"]);

        // The record stays: its trajectory can still be read.
        using var trajectory = await server.Http.GetAsync($"/api/episodes/{episode}/trajectory");
        Assert.Equal(HttpStatusCode.OK, trajectory.StatusCode);
        Assert.Single((await trajectory.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_episode_that_keeps_stepping_does_not_expire()
    {
        const string episode = "busy-1";
        await server.PostAsync("/reset", $$"""{"competition": "spaceship-titanic", "episode_id": "{{episode}}"}""");
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(1000);
            var (status, _) = await server.PostAsync("/step", $$$"""{"episode_id": "{{{episode}}}", "action": {"action_type": "request_info", "info_type": "name"}}""");
            Assert.Equal(HttpStatusCode.OK, status);
        }
        var (_, state) = await server.GetAsync($"/state?episode_id={episode}");
        Assert.Equal("running", (string?)state["status"]);
    }
}

public sealed class DeadlineExpiryTests(DeadlineExpiryGatewayServer server) : IClassFixture<DeadlineExpiryGatewayServer>
{
    [Fact]
    public async Task A_step_past_the_idle_deadline_is_refused_before_any_reminder_fires()
    {
        await server.PostAsync("/reset", """{"competition": "spaceship-titanic", "episode_id": "late-step"}""");
        await Task.Delay(3500);
        var (status, body) = await server.PostAsync("/step", """{"episode_id": "late-step", "action": {"action_type": "request_info", "info_type": "name"}}""");
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("idle for more than", (string?)body["error"]);
    }

    [Fact]
    public async Task An_active_episode_expires_at_its_maximum_lifetime()
    {
        await server.PostAsync("/reset", """{"competition": "spaceship-titanic", "episode_id": "old-age"}""");
        HttpStatusCode status;
        JsonObject body;
        var started = DateTime.UtcNow;
        do
        {
            await Task.Delay(1000);
            (status, body) = await server.PostAsync("/step", """{"episode_id": "old-age", "action": {"action_type": "request_info", "info_type": "name"}}""");
        } while (status == HttpStatusCode.OK && DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("maximum lifetime", (string?)body["error"]);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(5.5));
    }

    [Fact]
    public async Task A_reactivated_episode_past_its_persisted_deadline_is_expired_on_activation()
    {
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var grain = grains.GetGrain<IEpisodeGrain>("asleep");
        await grain.Reset(new EpisodeOptions { Competition = "spaceship-titanic" });
        // Dropped from memory, as after a silo restart that lost its in-memory reminders.
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(3500);
        var snapshot = await grain.GetSnapshot();
        Assert.Equal(EpisodeStatus.Expired, snapshot.Status);
        Assert.Contains("idle", snapshot.ExpiryReason);
    }
}
