using System.Globalization;
using System.Text;
using System.Text.Json;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Competitions;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>
/// REST under /api: competitions (list, show, info, leaderboards; any key), creator routes (register, tags; creator or
/// admin), episodes (state, history, trajectory, close; user or admin, owner only) and keys (admin). Query values are
/// read as text and checked here, so a bad one gets {"error"} like every other mistake.
/// </summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api");
        MapCompetitions(api);
        MapCreatorRoutes(api);
        MapEpisodes(api);
        MapKeys(api);
        api.Map("/{**rest}", (HttpContext context) =>
                GatewayResults.Error(GatewayError.NotFound($"No route {context.Request.Method} {context.Request.Path}; GET /openapi.json lists them.")))
            .ExcludeFromDescription();
    }

    private static void MapCompetitions(RouteGroupBuilder api)
    {
        api.MapGet("/competitions", (HttpContext context, GatewayCompetitions competitions) => GatewayResults.Answer(context, () =>
            {
                var query = context.Request.Query;
                return competitions.ListAsync(Text(query, "category"), Text(query, "level"), Text(query, "tag"), Flag(query, "supported"));
            }))
            .WithSummary("Competitions under the grid's root; filters: category, level, tag, supported (true|false).")
            .Produces<CompetitionListResponse>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.AnyKey);

        api.MapGet("/competitions/{name}", (HttpContext context, string name, GatewayCompetitions competitions) =>
                GatewayResults.Answer(context, () => competitions.ShowAsync(name)))
            .WithSummary("One competition: metric, category, level, tags, board sizes, owner.")
            .Produces<CompetitionResponse>().Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.AnyKey);

        api.MapGet("/competitions/{name}/info/{infoType}", (HttpContext context, string name, string infoType, GatewayCompetitions competitions) =>
                GatewayResults.Answer(context, () => competitions.InfoAsync(name, infoType)))
            .WithSummary("request_info outside an episode: overview, data_structure, sample_submission, name, metadata, data_path, output_path or all.")
            .Produces<CompetitionInfoResponse>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.AnyKey);

        api.MapGet("/competitions/{name}/leaderboard", (HttpContext context, string name, GatewayCompetitions competitions) =>
                GatewayResults.Answer(context, () => competitions.LeaderboardAsync(name, Number(context.Request.Query, "top"))))
            .WithSummary("Kaggle's private and public boards and the live board of episodes' bests; top (default 100) rows of each.")
            .Produces<LeaderboardResponse>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.AnyKey);
    }

    private static void MapCreatorRoutes(RouteGroupBuilder api)
    {
        api.MapPost("/competitions", (HttpContext context, GatewayCompetitions competitions, IOptions<DojoGatewayOptions> options) => GatewayResults.Answer(context, async () =>
            {
                var request = await ReadAsync<RegisterCompetitionRequest>(context, options.Value, "The registration");
                return await competitions.RegisterAsync(GatewayAuthMiddleware.Caller(context), request.Name, request.Directory);
            }, StatusCodes.Status201Created))
            .WithSummary("Register the prepared competition in a folder under the server's import root; the caller owns it.")
            .DocumentJsonBody<RegisterCompetitionRequest>()
            .Produces<CompetitionResponse>(StatusCodes.Status201Created).Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status409Conflict)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Creators);

        api.MapPost("/competitions/{name}/archive", (HttpContext context, string name, GatewayCompetitions competitions) => GatewayResults.Answer(context, () =>
                competitions.RegisterArchiveAsync(GatewayAuthMiddleware.Caller(context), name, context.Request.Body, context.Request.ContentLength, context.RequestAborted),
                StatusCodes.Status201Created))
            .WithSummary("Register a competition uploaded as a .tar.gz or .zip body (data/ at its top, or one folder holding it); the caller owns it.")
            .DocumentArchiveBody()
            .Produces<CompetitionResponse>(StatusCodes.Status201Created).Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<ErrorResponse>(StatusCodes.Status409Conflict)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Creators);

        api.MapPut("/competitions/{name}/tags", (HttpContext context, string name, GatewayCompetitions competitions, IOptions<DojoGatewayOptions> options) => GatewayResults.Answer(context, async () =>
            {
                var request = await ReadAsync<TagsRequest>(context, options.Value, "The tags request");
                return await competitions.SetTagsAsync(GatewayAuthMiddleware.Caller(context), name, request.Tags);
            }))
            .WithSummary("Replace a competition's tags: its owner (a creator) or an admin.")
            .DocumentJsonBody<TagsRequest>()
            .Produces<CompetitionResponse>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Creators);
    }

    private static void MapEpisodes(RouteGroupBuilder api)
    {
        api.MapGet("/episodes/{id}", (HttpContext context, string id, AuthorizedEpisodes episodes) =>
                GatewayResults.Answer(context, () => episodes.StateAsync(GatewayAuthMiddleware.Caller(context), id)))
            .WithSummary("An episode's state.")
            .Produces<EpisodeStateResponse>().Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Episodes);

        api.MapGet("/episodes/{id}/history", (HttpContext context, string id, AuthorizedEpisodes episodes) =>
                GatewayResults.Answer(context, () => episodes.HistoryAsync(GatewayAuthMiddleware.Caller(context), id)))
            .WithSummary("An episode's recorded steps.")
            .Produces<HistoryResponse>().Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Episodes);

        api.MapGet("/episodes/{id}/trajectory", async (HttpContext context, string id, AuthorizedEpisodes episodes) =>
            {
                try
                {
                    var lines = new StringBuilder();
                    foreach (var step in await episodes.TrajectoryAsync(GatewayAuthMiddleware.Caller(context), id))
                        lines.Append(JsonSerializer.Serialize(step, GatewayJson.Options)).Append('\n');
                    return Results.Text(lines.ToString(), "application/x-ndjson", Encoding.UTF8);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    return GatewayResults.Failure(context, e);
                }
            })
            .WithSummary("An episode's trajectory as JSON Lines: one step per line (action, observation, reward, done).")
            .Produces<TrajectoryStep>(contentType: "application/x-ndjson").Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Episodes);

        foreach (var close in new[] { api.MapPost("/episodes/{id}/close", Close), api.MapDelete("/episodes/{id}", Close) })
            close.WithSummary("Close an episode (later steps are refused); idempotent.")
                .Produces<EpisodeStateResponse>().Produces<ErrorResponse>(StatusCodes.Status404NotFound)
                .ProducesAuthErrors().RequireScopes(RequiredScopes.Episodes);
    }

    private static Task<IResult> Close(HttpContext context, string id, AuthorizedEpisodes episodes) =>
        GatewayResults.Answer(context, () => episodes.CloseAsync(GatewayAuthMiddleware.Caller(context), id));

    private static void MapKeys(RouteGroupBuilder api)
    {
        api.MapGet("/keys", (HttpContext context, IServiceProvider services) => GatewayResults.Answer(context, () =>
                Task.FromResult(new KeyListResponse(Store(services).List().Select(Key).ToArray()))))
            .WithSummary("Every key (never a secret).")
            .Produces<KeyListResponse>().ProducesAuthErrors().RequireScopes(RequiredScopes.Admins);

        api.MapPost("/keys", (HttpContext context, IServiceProvider services, IOptions<DojoGatewayOptions> options) => GatewayResults.Answer(context, async () =>
            {
                var request = await ReadAsync<CreateKeyRequest>(context, options.Value, "The key request");
                if (!ApiKeyScopes.TryParse(request.Scope, out var scope))
                    throw GatewayError.Validation($"scope must be user, creator or admin; got '{request.Scope}'.", "$.scope");
                if (string.IsNullOrWhiteSpace(request.Owner) || request.Owner.Length > 200)
                    throw GatewayError.Validation("owner needs 1-200 characters.", "$.owner");
                var token = Store(services).Mint(scope, request.Owner);
                return new CreatedKeyResponse(token.ToString(), token.Lookup, scope.Name(), request.Owner);
            }, StatusCodes.Status201Created))
            .WithSummary("Mint a key (the same store as dojo keys create); its token is shown this once.")
            .DocumentJsonBody<CreateKeyRequest>()
            .Produces<CreatedKeyResponse>(StatusCodes.Status201Created).Produces<ErrorResponse>(StatusCodes.Status400BadRequest)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Admins);

        api.MapDelete("/keys/{lookup}", (HttpContext context, string lookup, IServiceProvider services) => GatewayResults.Answer(context, () =>
            {
                if (!ApiKeyToken.IsLookup(lookup)) throw GatewayError.Validation($"'{lookup}' is not a key lookup (12 lowercase hex characters).", "lookup");
                if (!Store(services).Revoke(lookup)) throw GatewayError.NotFound($"No active key '{lookup}'.");
                var revoked = Store(services).List().Single(k => k.Lookup == lookup);
                return Task.FromResult(Key(revoked));
            }))
            .WithSummary("Revoke a key; it is refused from the next request on.")
            .Produces<KeyResponse>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest).Produces<ErrorResponse>(StatusCodes.Status404NotFound)
            .ProducesAuthErrors().RequireScopes(RequiredScopes.Admins);
    }

    private static ApiKeyStore Store(IServiceProvider services) =>
        services.GetService(typeof(IOptions<DojoGatewayOptions>)) is IOptions<DojoGatewayOptions> { Value.KeyStoreConnectionString: not null }
            ? (ApiKeyStore)services.GetService(typeof(ApiKeyStore))!
            : throw GatewayError.Validation("This gateway has no key store (it runs with --insecure-no-auth); use dojo keys on the server.");

    private static KeyResponse Key(ApiKeyRecord k) => new(k.Lookup, k.Scope.Name(), k.Owner, k.CreatedAt, k.RevokedAt);

    private static async Task<T> ReadAsync<T>(HttpContext context, DojoGatewayOptions options, string what)
    {
        var body = await RequestBody.ReadAsync(context.Request, options.MaxMessageBytes);
        return WireParser.Read<T>(WireParser.ParseJson(body), what);
    }

    private static string? Text(IQueryCollection query, string name) => query.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    private static bool? Flag(IQueryCollection query, string name) => Text(query, name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw GatewayError.Validation($"{name} must be true or false; got '{other}'.", name),
    };

    private static int? Number(IQueryCollection query, string name) => Text(query, name) switch
    {
        null => null,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        var other => throw GatewayError.Validation($"{name} must be a whole number; got '{other}'.", name),
    };
}
