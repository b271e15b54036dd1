using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace MLEDojo.Gateway.Endpoints;

internal static class JsonBodyDocumentation
{
    /// <summary>
    /// Documents a JSON request body in the OpenAPI document without Accepts(): Accepts would also make routing
    /// answer 415 with an empty body to a client that forgot its Content-Type, where the gateway answers every
    /// request on its own terms ({"error": ...} for a body that is not what it should be).
    /// </summary>
    public static RouteHandlerBuilder DocumentJsonBody<TBody>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });

    /// <summary>Documents a binary archive body (.tar.gz or .zip), told apart by its first bytes rather than its Content-Type.</summary>
    public static RouteHandlerBuilder DocumentArchiveBody(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The competition as a .tar.gz or .zip archive: data/public and data/private at its top, or in one folder.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/gzip"] = new() { Schema = binary },
                    ["application/zip"] = new() { Schema = binary },
                },
            };
            return Task.CompletedTask;
        });
}
