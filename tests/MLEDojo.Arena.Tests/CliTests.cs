using MLEDojo.Arena.Tests.Infrastructure;
using MLEDojo.Cli;

namespace MLEDojo.Arena.Tests;

/// <summary>dojo submit / status / tail against the live server.</summary>
[Collection(ArenaServerCollection.Name)]
public sealed class CliTests(ArenaServer server)
{
    private (int Exit, string Output, string Error) Dojo(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = DojoCli.Run([.. args, "--gateway", server.BaseAddress.ToString(), "--key", server.Keys["frank"]], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Submit_with_wait_follows_the_evaluation_to_active_and_status_and_tail_show_it()
    {
        var (exit, output, error) = Dojo("submit", "--agent", "info-only", "-c", "home-data-for-ml-course", "--max-steps", "2", "--tag", "cli", "--wait");
        Assert.True(exit == 0, output + error);
        var id = output.Split(' ', 2)[0];
        Assert.StartsWith("sub-", id);
        Assert.Contains("[running] running", output);
        Assert.Contains("run: competition=home-data-for-ml-course episode=0 job_status=completed", output);
        Assert.Contains("[active]", output);

        var status = Dojo("status", id);
        Assert.Equal(0, status.Exit);
        Assert.Contains($"{id}  active", status.Output);
        Assert.Contains("home-data-for-ml-course #0: completed attempts=1", status.Output);

        var tail = Dojo("tail", id);
        Assert.Equal(0, tail.Exit);
        Assert.Contains("[created] created", tail.Output);
        Assert.Contains("[active]", tail.Output);
    }

    [Fact]
    public void Usage_errors_and_refusals_are_one_line_and_exit_2()
    {
        var both = Dojo("submit", "--agent", "scripted", "--script", "x.py", "-c", "spaceship-titanic");
        Assert.Equal(2, both.Exit);
        Assert.Contains("exactly one of --agent, --script or --llm-url", both.Error);

        var unknown = Dojo("status", "sub-missing");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("No submission 'sub-missing'", unknown.Error);
    }
}
