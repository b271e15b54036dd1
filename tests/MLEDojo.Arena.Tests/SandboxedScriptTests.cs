using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Tests.Infrastructure;

namespace MLEDojo.Arena.Tests;

/// <summary>
/// Agent scripts in the production sandbox: no network, only the gateway's socket; the script's own memory cap, whose
/// breach is the agent's failure, never retried.
/// </summary>
[Collection(SandboxedArenaServerCollection.Name)]
public sealed class SandboxedScriptTests(SandboxedArenaServer server)
{
    [Fact]
    public async Task The_example_agent_plays_from_a_sandbox_that_reaches_its_gateway_socket_and_no_network()
    {
        // The shipped example, after a check that the gateway's TCP port (which the sandbox must not reach) is unreachable.
        var networkCheck = $$"""
            import socket as _socket
            try:
                _socket.create_connection(("127.0.0.1", {{server.BaseAddress.Port}}), timeout=5).close()
                raise SystemExit("the sandbox reached the gateway's TCP port")
            except OSError as e:
                print("no network:", e)

            """;
        var created = await server.CreateAsync("alice", ScriptAgentTests.Script with { Name = "sandboxed example" },
            networkCheck + ScriptAgentTests.ExampleAgent, deploy: true);
        var (lines, final) = await server.TailAsync("alice", created.SubmissionId, TimeSpan.FromMinutes(4));
        Assert.True(final.Status == SubmissionState.Active, string.Join("\n", lines.Select(l => l.Text)) + "\n" + final.Failure?.Message);
        var episode = Assert.Single(final.Episodes);
        var snapshot = await server.Grains.GetGrain<IEpisodeGrain>(episode.GridEpisodeId!).GetSnapshot();
        Assert.Equal(3, snapshot.StepsTaken);
        Assert.NotNull(episode.BestPositionScore);
        Assert.Equal(snapshot.BestPositionScore, episode.BestPositionScore);
    }

    [Fact]
    public async Task A_script_over_its_memory_cap_is_the_agents_failure_and_is_not_retried()
    {
        var hog = $"blocks = [b'x' * (64 * 1024 * 1024) for _ in range({4 * SandboxedArenaServer.ScriptMemoryBytes / (64 * 1024 * 1024)})]\nprint(len(blocks))\n";
        var created = await server.CreateAsync("bob", ScriptAgentTests.Script with { Name = "memory hog" }, hog, deploy: true);
        var (lines, final) = await server.TailAsync("bob", created.SubmissionId, TimeSpan.FromMinutes(4));
        Assert.True(final.Status == SubmissionState.Failed, string.Join("\n", lines.Select(l => l.Text)));
        Assert.Equal(ErrorSource.Agent, final.Failure!.Source);
        Assert.Equal("out_of_memory", final.Failure.Type);
        Assert.Contains("128 MiB", final.Failure.Message);
        Assert.Equal(1, Assert.Single(final.Episodes).Attempts);
    }
}

/// <summary>No sandbox and sandbox.allowUnisolated off: a script submission fails its validation, saying why.</summary>
public sealed class RefusedScriptTests : IClassFixture<RefusingArenaServer>
{
    private readonly RefusingArenaServer _server;

    public RefusedScriptTests(RefusingArenaServer server) => _server = server;

    [Fact]
    public async Task Without_a_sandbox_a_script_submission_fails_validation_with_the_reason()
    {
        var status = await _server.CreateAsync("alice", ScriptAgentTests.Script, ScriptAgentTests.ExampleAgent);
        Assert.Equal(SubmissionState.UploadFailed, status.Status);
        Assert.Contains("This grid cannot run agent scripts: " + RefusingArenaServer.Reason, status.LastStatusMessage);
        Assert.False(status.IsDeployable);
    }
}
