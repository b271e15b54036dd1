using System.Text.Json;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Endpoints;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// The arena's submission routes under /api/arena/submissions: create (with script and deploy in the same call, or
/// each step on its own), upload, validate, deploy, status, tail, delete, and the caller's own list.
/// </summary>
internal static class ArenaSubmissionEndpoints
{
    public const string Prefix = "/api/arena/submissions";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(Prefix, (HttpContext context, IGrainFactory grains, IOptions<DojoGatewayOptions> options) => ArenaResults.Answer(context, async () =>
            {
                var caller = ArenaCaller.Of(context);
                var request = await ReadAsync<CreateSubmissionRequest>(context, options.Value);
                var id = "sub-" + Guid.NewGuid().ToString("N")[..16];
                var grain = grains.GetGrain<ISubmissionGrain>(id);
                var status = await grain.Create(caller.Owner, request.Definition);
                if (request.Script is not null) status = await grain.Upload(request.Script);
                if (!request.Deploy || !status.IsDeployable) return status;
                var deployed = await grain.Deploy();
                return deployed.Refusal is null ? deployed.Submission : throw new LimitRefusedException(deployed);
            }, StatusCodes.Status201Created))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("Create a submission; with script and deploy: true, upload, validate and deploy in the same call.")
            .DocumentJsonBody<CreateSubmissionRequest>().Produces<SubmissionStatus>(StatusCodes.Status201Created);

        routes.MapPut(Prefix + "/{id}/file", (HttpContext context, string id, IGrainFactory grains, IOptions<DojoGatewayOptions> options) => ArenaResults.Answer(context, async () =>
            {
                var (grain, _) = await ArenaCaller.OwnedAsync(context, grains, id);
                var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxMessageBytes);
                // The script as the body (text/x-python, text/plain), or {"script": "..."} as JSON.
                var script = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
                    ? Parse<UploadScriptRequest>(body).Script
                    : System.Text.Encoding.UTF8.GetString(body);
                return await grain.Upload(script);
            }))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("Upload the agent script; the answer's status says whether it validated (upload_validated or upload_failed).")
            .Produces<SubmissionStatus>();

        routes.MapPost(Prefix + "/{id}/validate", (HttpContext context, string id, IGrainFactory grains) => ArenaResults.Answer(context, async () =>
                await (await ArenaCaller.OwnedAsync(context, grains, id)).Grain.Validate()))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("Validate the submission again (its agent, script and competitions on this grid).")
            .Produces<SubmissionStatus>();

        routes.MapPut(Prefix + "/{id}/deploy", (HttpContext context, string id, IGrainFactory grains) => ArenaResults.Answer(context, async () =>
            {
                var (grain, _) = await ArenaCaller.OwnedAsync(context, grains, id);
                var deployed = await grain.Deploy();
                return deployed.Refusal is null
                    ? new DeployResponse($"Submission {id} is {SubmissionLifecycleName(deployed.Submission.Status)}.", deployed.Submission, deployed.Limits)
                    : throw new LimitRefusedException(deployed);
            }, StatusCodes.Status202Accepted))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("Queue the submission for evaluation: 202, or 409 with the owner's limits when they refuse it.")
            .Produces<DeployResponse>(StatusCodes.Status202Accepted).Produces<LimitRefusal>(StatusCodes.Status409Conflict);

        routes.MapGet(Prefix + "/{id}", (HttpContext context, string id, IGrainFactory grains) => Status(context, id, grains))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("The submission's status: state, queue position, episodes, failure and its attribution.").Produces<SubmissionStatus>();
        routes.MapGet(Prefix + "/{id}/status", (HttpContext context, string id, IGrainFactory grains) => Status(context, id, grains))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("Same as GET /api/arena/submissions/{id} (ML Arena's path).").Produces<SubmissionStatus>();

        routes.MapGet(Prefix + "/{id}/tail", (HttpContext context, string id, IGrainFactory grains) => ArenaTail.StreamAsync(context, id, grains))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("Server-sent events: the submission's log lines (status, queue, per-episode) as they happen, then its final status.");

        routes.MapDelete(Prefix + "/{id}", (HttpContext context, string id, IGrainFactory grains) => ArenaResults.Answer(context, async () =>
                await (await ArenaCaller.OwnedAsync(context, grains, id)).Grain.Delete()))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("Delete the submission: a running evaluation stops, it leaves the leaderboards and frees its slot.").Produces<SubmissionStatus>();

        routes.MapGet("/api/arena/mine", (HttpContext context, IGrainFactory grains) => ArenaResults.Answer(context, async () =>
            {
                var caller = ArenaCaller.Of(context);
                var ids = await grains.GetGrain<IArenaOwnerGrain>(caller.Owner).Submissions();
                var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<ISubmissionGrain>(id).GetStatus()));
                return statuses.Where(s => s is not null).ToArray();
            }))
            .RequireScopes(RequiredScopes.Episodes)
            .WithSummary("The caller's submissions, oldest first.").Produces<SubmissionStatus[]>();
    }

    private static Task<IResult> Status(HttpContext context, string id, IGrainFactory grains) => ArenaResults.Answer(context, async () =>
        (await ArenaCaller.OwnedAsync(context, grains, id)).Status);

    private static string SubmissionLifecycleName(SubmissionState state) => MLEDojo.Arena.Submissions.SubmissionLifecycle.Name(state);

    private static async Task<T> ReadAsync<T>(HttpContext context, DojoGatewayOptions options) =>
        Parse<T>(await RequestBody.ReadAsync(context.Request, options.MaxMessageBytes));

    private static T Parse<T>(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, ArenaJson.Options) ?? throw GatewayError.Validation("The request body is null.");
        }
        catch (JsonException e)
        {
            throw GatewayError.Validation($"The request body is not a valid {typeof(T).Name}: {e.Message}");
        }
    }
}

/// <summary>A deploy the owner's limits refused: 409 with the limits, so a client can say when to try again.</summary>
internal sealed class LimitRefusedException(DeployResult result) : Exception(result.Refusal)
{
    public DeployResult Result { get; } = result;
}
