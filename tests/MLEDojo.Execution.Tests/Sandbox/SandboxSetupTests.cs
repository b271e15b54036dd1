using MLEDojo.Execution.Sandbox;

namespace MLEDojo.Execution.Tests.Sandbox;

/// <summary>A machine or configuration the sandbox cannot start on is refused at start, saying why.</summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxSetupTests
{
    [Fact]
    public async Task A_sandbox_uid_with_no_user_entry_is_refused_naming_it()
    {
        var setup = await SandboxedCodeRunner.CreateAsync(SandboxFixture.Limits, SandboxFixture.Options with { Uid = 54321, Gid = 54321 });

        Assert.Null(setup.Runner);
        Assert.Contains(setup.Problems, problem => problem.Contains("uid 54321 has no entry in the user database", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sandbox_gid_that_is_not_the_users_primary_group_is_refused()
    {
        var setup = await SandboxedCodeRunner.CreateAsync(SandboxFixture.Limits, SandboxFixture.Options with { Gid = 54321 });

        Assert.Null(setup.Runner);
        Assert.Contains(setup.Problems, problem => problem.Contains("gid 54321 is not the primary group of uid 65534", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bubblewrap_that_ends_before_it_reports_its_child_fails_the_start_probe_as_a_sandbox_failure()
    {
        // /bin/true takes bwrap's arguments and exits without a status: the run must be told apart from code that failed.
        var setup = await SandboxedCodeRunner.CreateAsync(SandboxFixture.Limits, SandboxFixture.Options with { Bubblewrap = "/bin/true" });

        Assert.Null(setup.Runner);
        var problem = Assert.Single(setup.Problems);
        Assert.Contains("InfrastructureFailure", problem);
        Assert.Contains("ended before it started the sandbox", problem);
    }
}
