using System.Text.Json.Nodes;
using MLEDojo.Abstractions;
using MLEDojo.DataSelect;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>DataSelectEnv's extra routes: GET /tasks, GET /baseline, POST /grader.</summary>
internal static class DataSelectEndpoints
{
    // The baseline is a fixed agent on fixed seeds: computed once per process, off the request thread.
    private static readonly Lazy<Task<BaselineResponse>> Baseline = new(() => Task.Run(RunBaseline));

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/tasks", () => Results.Json(Tasks, GatewayJson.Options))
            .WithSummary("The data-select tasks (easy, medium, hard) and their action schema.")
            .Produces<TasksResponse>()
            .RequireScopes(RequiredScopes.AnyKey);

        routes.MapGet("/baseline", (Func<HttpContext, Task<IResult>>)(context => GatewayResults.Answer(context, () => Baseline.Value)))
            .WithSummary("The fixed balanced agent (select_batch 10, uncertainty 0.4, diversity 0.4, random 0.2) on every data-select task, seed 42.")
            .Produces<BaselineResponse>()
            .RequireScopes(RequiredScopes.AnyKey);

        routes.MapPost("/grader", (HttpContext context, AuthorizedEpisodes episodes, IGrainFactory grains, IOptions<DojoGatewayOptions> options) => GatewayResults.Answer(context, async () =>
            {
                var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxMessageBytes);
                var request = WireParser.Read<GraderRequest>(WireParser.ParseJson(body), "The grader request");
                // The owner check and the unknown-episode answer are the episode routes' own.
                await episodes.StateAsync(GatewayAuthMiddleware.Caller(context), request.EpisodeId);
                var snapshot = await grains.GetGrain<IEpisodeGrain>(request.EpisodeId).GetSnapshot();
                if (snapshot.Grade is not { } grade)
                    throw GatewayError.Validation($"Episode '{request.EpisodeId}' is on {Episodes.EpisodeOptionsReader.Describe(snapshot.Options!)}; /grader grades data-select episodes.", "$.episode_id");
                if (request.TaskId is { } task && task != grade.TaskId)
                    throw GatewayError.Validation($"task_id mismatch: episode '{request.EpisodeId}' is on '{grade.TaskId}', not '{task}'.", "$.task_id");
                return new GraderResponse(request.EpisodeId, grade.TaskId, grade.Score, grade.Breakdown, grade.Passed, grade.EpisodeDone);
            }))
            .WithSummary("Grade a data-select episode (however it was played: HTTP or WebSocket, stopped or run to its limits).")
            .DocumentJsonBody<GraderRequest>()
            .Produces<GraderResponse>()
            .Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors()
            .RequireScopes(RequiredScopes.Episodes);
    }

    /// <summary>DataSelectEnv's action schema, as its /tasks gives it, with this server's limits.</summary>
    private static readonly JsonObject ActionSchema = new()
    {
        ["action_type"] = new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray("select_batch", "stop"),
            ["description"] = "select_batch to select data, stop to end the episode early.",
        },
        ["batch_size"] = new JsonObject
        {
            ["type"] = "integer",
            ["minimum"] = 0,
            ["maximum"] = DataSelectAction.MaxBatchSize,
            ["description"] = $"Samples to label this step: raised to {DataSelectConfig.MinBatch}, capped by the budget left. Required for select_batch.",
        },
        ["strategy_weights"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["uncertainty"] = new JsonObject { ["type"] = "number", ["minimum"] = 0.0 },
                ["diversity"] = new JsonObject { ["type"] = "number", ["minimum"] = 0.0 },
                ["random"] = new JsonObject { ["type"] = "number", ["minimum"] = 0.0 },
            },
            ["description"] = "Sampling strategy weights, normalised internally; not all 0. Required for select_batch.",
        },
    };

    private static TasksResponse Tasks { get; } = new(
        DataSelectTask.All.Select(t => new WireTask(t.Id, t.Difficulty, t.Description, t.SuccessCriteria, t.FlipY, t.Budget, t.MaxSteps, t.StopThreshold, ActionSchema)).ToArray(),
        ActionSchema);

    private static BaselineResponse RunBaseline()
    {
        var agent = FixedAgent.Balanced();
        var results = DataSelectBaseline.PlayAll(DataSelectBaseline.Seed, FixedAgent.Balanced);
        return new BaselineResponse(agent.Name, DataSelectBaseline.Seed, results.ToDictionary(
            r => r.Key,
            r => new WireBaselineResult(r.Value.Grade.Score, r.Value.Grade.Passed, r.Value.Grade.Breakdown, r.Value.TotalReward, r.Value.FinalPerformance)));
    }
}
