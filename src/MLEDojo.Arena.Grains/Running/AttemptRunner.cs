using MLEDojo.Abstractions;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Agents;
using MLEDojo.Agents.Llm;
using MLEDojo.Execution;
using MLEDojo.Grains;
using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Running;
using MLEDojo.Rollouts.Targets;
using Microsoft.Extensions.DependencyInjection;

namespace MLEDojo.Arena.Grains.Running;

/// <summary>
/// Plays one attempt of a submission's episode on this silo and says whose fault a failure was. Built-in and LLM
/// agents play through the rollouts' <see cref="EpisodePlayer"/> against the episode grains; an uploaded script runs
/// in its own sandbox (<see cref="ArenaScriptRunner"/>) and plays its episode over the gateway's API, reached through
/// the gateway's Unix socket (the sandbox has no network) with a key made for the run. Agent failures are never retried, platform failures are (by the submission).
/// </summary>
public sealed class AttemptRunner(IGrainFactory grains, GridOptions grid, ArenaOptions options, IServiceProvider services)
{
    public const string Env = RolloutEnvs.Mle;

    public Task<AttemptOutcome> PlayAsync(AttemptRequest request, CancellationToken cancellationToken) =>
        request.Definition.Kind == AgentKind.Script ? PlayScriptAsync(request, cancellationToken) : PlayAgentAsync(request, cancellationToken);

    /// <summary>The built-in agents' catalog, with the definition's model endpoint for the LLM agent.</summary>
    public static AgentCatalog CatalogFor(SubmissionDefinition definition) => new(definition.Llm is { } llm ? LlmOptions(llm) : null);

    private static LlmAgentOptions LlmOptions(LlmEndpoint llm)
    {
        var options = new LlmAgentOptions { Endpoint = new Uri(llm.Url), Model = llm.Model, ApiKey = llm.ApiKey, Temperature = llm.Temperature };
        return llm.TimeoutSeconds is { } seconds ? options with { RequestTimeout = TimeSpan.FromSeconds(seconds) } : options;
    }

    public static string AgentName(SubmissionDefinition definition) => definition.Kind switch
    {
        AgentKind.Llm => "llm",
        AgentKind.Script => "script",
        _ => definition.Agent!,
    };

    public static EpisodeOptions EpisodeOptionsFor(AttemptRequest request) => new()
    {
        Competition = request.Competition,
        AgentName = $"arena:{request.Owner}/{request.Definition.Name ?? AgentName(request.Definition)}",
        Seed = request.Definition.Seed,
        MaxSteps = request.Definition.MaxSteps,
        ExecutionTimeout = TimeSpan.FromSeconds(request.Definition.ExecutionTimeoutSeconds),
        ScoreMode = ScoreMode.Position,
    };

    private async Task<AttemptOutcome> PlayAgentAsync(AttemptRequest request, CancellationToken cancellationToken)
    {
        var name = AgentName(request.Definition);
        var planned = new PlannedEpisode(request.SubmissionId, Env, request.Competition, name, request.Definition.Seed, request.Index);
        try
        {
            var agent = new AttributedAgent(CatalogFor(request.Definition).Create(name, request.Index));
            var target = new GrainRolloutTarget(grains, "arena");
            var steps = await EpisodePlayer.PlayAsync(
                target.Open(Env, request.GridEpisodeId), agent, new EpisodeAttempt(planned, request.Attempt, request.GridEpisodeId),
                EpisodeOptionsFor(request), null, cancellationToken);
            var last = steps[^1];
            return last.StopErrorClass is { } errorClass
                ? AttemptOutcome.Failed(ErrorSource.Agent, errorClass, last.StopError ?? errorClass)
                : AttemptOutcome.Completed(last.StopReason ?? "done");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ModelEndpointFailedException e)
        {
            return AttemptOutcome.Failed(ErrorSource.Agent, ModelEndpointFailedException.Type, e.Message);
        }
        catch (AgentCrashedException e)
        {
            return AttemptOutcome.Failed(ErrorSource.Agent, e.InnerException!.GetType().Name, e.Message);
        }
        catch (EpisodeRefusedException e)
        {
            return AttemptOutcome.Failed(ErrorSource.Env, "refused", e.Message);
        }
        catch (Exception e) when (FailureClassifier.IsInfrastructure(e))
        {
            return AttemptOutcome.Failed(ErrorSource.Platform, e.GetType().Name, e.Message);
        }
        catch (Exception e)
        {
            return AttemptOutcome.Failed(ErrorSource.Env, e.GetType().Name, e.Message);
        }
    }

    private async Task<AttemptOutcome> PlayScriptAsync(AttemptRequest request, CancellationToken cancellationToken)
    {
        if (services.GetService<IAgentScriptHost>() is not { } host || host.SocketPath is not { } socket)
            return AttemptOutcome.Failed(ErrorSource.Platform, "no_gateway", "This grid serves no gateway socket for agent scripts to reach their episodes.");
        var runner = services.GetRequiredService<ArenaScriptRunner>().Runner;
        var folder = Path.Combine(grid.EpisodesRoot, "arena", request.SubmissionId, request.GridEpisodeId);
        var codePath = Path.Combine(folder, "agent.py");
        await Task.Run(() =>
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(codePath, request.Script);
            PythonClientFiles.WriteTo(folder);
        }, cancellationToken);

        // The arena starts the episode with the submission's settings; the script resumes it (reset with its id) and steps.
        var episode = grains.GetGrain<IEpisodeGrain>(request.GridEpisodeId);
        var started = await episode.Reset(EpisodeOptionsFor(request), request.GridEpisodeId + ".reset", cancellationToken);
        if (started.Error is { } refused) return AttemptOutcome.Failed(ErrorSource.Env, "refused", "The grid refused to start the episode: " + refused);

        var credential = await host.IssueAsync(request.Owner, request.GridEpisodeId);
        CodeRunOutcome outcome;
        try
        {
            // The script's own sandbox: its caps, no competition's overrides, only the gateway's socket to talk through.
            outcome = await runner.RunAsync(new CodeRunSpec
            {
                CodePath = codePath,
                WorkingDirectory = folder,
                PublicDataDirectory = Path.Combine(grid.CompetitionsRoot, request.Competition, "data", "public"),
                Timeout = options.ScriptTimeout,
                Requested = new RequestedLimits(MemoryBytes: options.ScriptMemoryBytes, Cpus: options.ScriptCpus),
                Sockets = [socket],
                Environment = ScriptEnvironment(request, socket, credential),
            }, cancellationToken);
        }
        finally
        {
            if (credential is not null) await host.RevokeAsync(credential);
        }

        var snapshot = await episode.GetSnapshot();
        if (snapshot.Status is EpisodeStatus.Running) await episode.Close();
        return outcome.Status switch
        {
            CodeRunStatus.Success => AttemptOutcome.Completed(snapshot.Status == EpisodeStatus.Done ? "done" : "agent_stopped"),
            CodeRunStatus.Cancelled when cancellationToken.IsCancellationRequested => throw new OperationCanceledException(cancellationToken),
            CodeRunStatus.Cancelled or CodeRunStatus.InfrastructureFailure => AttemptOutcome.Failed(ErrorSource.Platform, Snake(outcome.Status), outcome.Stderr),
            CodeRunStatus.Timeout => AttemptOutcome.Failed(ErrorSource.Agent, "timeout", $"The script ran past {options.ScriptTimeout}.\n{outcome.Stderr}"),
            CodeRunStatus.OutOfMemory => AttemptOutcome.Failed(ErrorSource.Agent, "out_of_memory",
                $"The script went over its memory cap of {options.ScriptMemoryBytes / (1024 * 1024)} MiB.\n{outcome.Stderr}"),
            _ => AttemptOutcome.Failed(ErrorSource.Agent, outcome.ErrorClass ?? Snake(outcome.Status),
                $"The script exited with {outcome.ExitCode?.ToString() ?? Snake(outcome.Status)}.\n{outcome.Stderr}"),
        };
    }

    /// <summary>
    /// What the script is told. DOJO_GATEWAY_URL (and DOJO_GATEWAY, which the CLI and the client's examples read) is
    /// unix:///path of the gateway's socket; DOJO_API_KEY is the run key.
    /// </summary>
    private static Dictionary<string, string> ScriptEnvironment(AttemptRequest request, string socket, ScriptCredential? credential)
    {
        var gateway = "unix://" + socket;
        var environment = new Dictionary<string, string>
        {
            ["DOJO_GATEWAY_URL"] = gateway,
            ["DOJO_GATEWAY"] = gateway,
            ["DOJO_EPISODE_ID"] = request.GridEpisodeId,
            ["DOJO_COMPETITION"] = request.Competition,
            ["DOJO_MAX_STEPS"] = request.Definition.MaxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOJO_EXECUTION_TIMEOUT_S"] = request.Definition.ExecutionTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOJO_SEED"] = request.Definition.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOJO_AGENT_NAME"] = EpisodeOptionsFor(request).AgentName!,
        };
        if (credential is not null) environment["DOJO_API_KEY"] = credential.Token;
        return environment;
    }

    private static string Snake(CodeRunStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
