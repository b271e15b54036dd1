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
}
