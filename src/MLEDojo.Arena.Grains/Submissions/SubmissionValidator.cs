using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Grains.Running;
using MLEDojo.Execution;
using MLEDojo.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace MLEDojo.Arena.Grains.Submissions;

/// <summary>
/// What validation checks on the grid: the built-in agent exists, every competition is served and scorable, and an
/// uploaded script fits, compiles, and has a gateway to talk to.
/// </summary>
public sealed class SubmissionValidator(IGrainFactory grains, GridOptions grid, ArenaOptions options, IServiceProvider services)
{
    public async Task<IReadOnlyList<string>> ProblemsAsync(SubmissionDefinition definition, IReadOnlyList<string> competitions, string? script)
    {
        var problems = new List<string>();
        if (definition.Kind == AgentKind.BuiltIn)
        {
            if (definition.Agent == "llm")
                problems.Add("The llm agent is submitted with kind llm and its endpoint (llm: url, model).");
            else
            {
                try { AttemptRunner.CatalogFor(definition).Check(definition.Agent!); }
                catch (ArgumentException e) { problems.Add(e.Message); }
            }
        }
        if (definition.Kind == AgentKind.Script) await CheckScriptAsync(script, problems);

        foreach (var name in competitions)
        {
            try
            {
                var summary = await grains.GetGrain<ICompetitionGrain>(name).Describe();
                if (summary.Unavailability is { } reason) problems.Add($"Competition '{name}' cannot be scored on this grid: {reason}.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"Competition '{name}' is not served by this grid ({e.Message}).");
            }
        }
        return problems;
    }

    private async Task CheckScriptAsync(string? script, List<string> problems)
    {
        if (script is null)
        {
            problems.Add("No agent script uploaded yet (PUT /api/arena/submissions/{id}/file).");
            return;
        }
        if (System.Text.Encoding.UTF8.GetByteCount(script) > options.MaxScriptBytes)
        {
            problems.Add($"The script is larger than this arena's limit of {options.MaxScriptBytes} bytes.");
            return;
        }
        if (services.GetService<IAgentScriptHost>()?.SocketPath is null)
            problems.Add("This grid serves no gateway socket, so an agent script could not reach its episodes; submit a built-in or llm agent.");

        var folder = Path.Combine(grid.EpisodesRoot, "arena", "validation", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "agent.py");
        await Task.Run(() =>
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, script);
        });
        try
        {
            var outcome = await services.GetRequiredService<ArenaScriptRunner>().Runner.CheckSyntaxAsync(new CodeRunSpec
            {
                CodePath = path, WorkingDirectory = folder, PublicDataDirectory = folder, Timeout = TimeSpan.FromSeconds(30),
            }, CancellationToken.None);
            if (outcome.Status == CodeRunStatus.InfrastructureFailure)
                problems.Add($"This grid cannot run agent scripts: {outcome.Stderr.Trim()}");
            else if (outcome.Status != CodeRunStatus.Success)
                problems.Add($"The script does not compile: {outcome.Stderr.Trim()}");
        }
        finally
        {
            await Task.Run(() => Directory.Delete(folder, recursive: true));
        }
    }
}
