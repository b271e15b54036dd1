using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using MLEDojo.Gateway.Auth;
using MLEDojo.Gateway.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MLEDojo.Gateway.Endpoints;

/// <summary>GET /health, /metadata and /schema, as OpenEnv serves them.</summary>
internal static class DescriptionEndpoints
{
    private static readonly Lazy<JsonObject> Schemas = new(() => new JsonObject
    {
        ["action"] = Schema(typeof(WireAction)),
        ["observation"] = Schema(typeof(WireObservation)),
        ["state"] = Schema(typeof(EpisodeStateResponse)),
    });

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", (IOptions<DojoGatewayOptions> options) =>
                Results.Json(new HealthResponse("healthy", options.Value.AuthDescription), GatewayJson.Options))
            .WithSummary("Liveness, and what protects this gateway.")
            .Produces<HealthResponse>();

        routes.MapGet("/metadata", () => Results.Json(Metadata, GatewayJson.Options))
            .WithSummary("OpenEnv's EnvironmentMetadata.")
            .Produces<MetadataResponse>()
            .RequireScopes(RequiredScopes.AnyKey);

        routes.MapGet("/schema", () => Results.Json(Schemas.Value, GatewayJson.Options))
            .WithSummary("JSON Schemas of the action, the observation and the state.")
            .RequireScopes(RequiredScopes.AnyKey);
    }

    private static MetadataResponse Metadata { get; } = new(
        Name: "mle-dojo",
        Description: "MLE-Dojo machine-learning-engineering episodes on Kaggle-style competitions: request_info, validate_code, "
            + "execute_code and get_history steps; executions are scored against hidden answers and ranked on the competition's leaderboards.",
        ReadmeContent: null,
        Version: typeof(DescriptionEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
        Author: null,
        DocumentationUrl: null);

    private static JsonNode Schema(Type type) =>
        GatewayJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
}
