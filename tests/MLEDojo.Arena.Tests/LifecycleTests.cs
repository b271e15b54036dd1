using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Submissions;

namespace MLEDojo.Arena.Tests;

public sealed class LifecycleTests
{
    [Theory]
    [InlineData(SubmissionState.Created, "upload", true, false, true)]
    [InlineData(SubmissionState.UploadFailed, "upload", true, false, true)]
    [InlineData(SubmissionState.UploadValidated, "upload", true, true, true)]
    [InlineData(SubmissionState.Queued, "deployment", false, false, false)]
    [InlineData(SubmissionState.Running, "deployment", false, false, false)]
    [InlineData(SubmissionState.Active, "active", false, false, true)]
    [InlineData(SubmissionState.Failed, "terminal", false, true, true)]
    [InlineData(SubmissionState.Deleted, "terminal", false, false, true)]
    public void States_follow_ml_arenas_phases(SubmissionState state, string phase, bool uploadable, bool deployable, bool settled)
    {
        Assert.Equal(phase, SubmissionLifecycle.Phase(state));
        Assert.Equal(uploadable, SubmissionLifecycle.IsUploadable(state));
        Assert.Equal(deployable, SubmissionLifecycle.IsDeployable(state));
        Assert.Equal(settled, SubmissionLifecycle.IsSettled(state));
    }

    [Fact]
    public void State_names_are_ml_arenas()
    {
        Assert.Equal("upload_validated", SubmissionLifecycle.Name(SubmissionState.UploadValidated));
        Assert.Equal("upload_failed", SubmissionLifecycle.Name(SubmissionState.UploadFailed));
    }

    [Fact]
    public void A_definition_lists_every_problem()
    {
        var problems = DefinitionCheck.Problems(new SubmissionDefinition
        {
            Kind = AgentKind.Script, Agent = "scripted", CompetitionSet = "lite", Competitions = ["../etc"], EpisodesPerCompetition = 99, MaxSteps = 0,
        }, new ArenaOptions());
        Assert.Contains(problems, p => p.StartsWith("agent names a built-in agent", StringComparison.Ordinal));
        Assert.Contains("'../etc' is not a competition name.", problems);
        Assert.Contains("episodes_per_competition is 99; it must be between 1 and 20.", problems);
        Assert.Contains("max_steps is 0; it must be between 1 and 50.", problems);
        Assert.Empty(DefinitionCheck.Problems(new SubmissionDefinition { Agent = "scripted", CompetitionSet = "lite" }, new ArenaOptions()));
    }
}
