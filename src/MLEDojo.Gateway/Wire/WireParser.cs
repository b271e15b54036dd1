using System.Text.RegularExpressions;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLEDojo.Gateway.Wire;

/// <summary>Turns request bytes into wire records, telling bad JSON (INVALID_JSON) from well-formed JSON of the wrong shape (VALIDATION_ERROR).</summary>
public static class WireParser
{
    public static JsonNode? ParseJson(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonNode.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw GatewayError.InvalidJson("Invalid JSON: " + Describe(e));
        }
    }

    public static JsonObject RequireObject(JsonNode? node, string what) =>
        node as JsonObject ?? throw GatewayError.Validation($"{what} must be a JSON object.");

    public static ResetRequest ReadReset(JsonNode? node, string what) => Read<ResetRequest>(node, what);

    public static StepRequest ReadStep(JsonNode? node, string what)
    {
        if (node is JsonObject { } request && request["action"] is JsonObject action) CheckActionType(action, "$.action");
        return Read<StepRequest>(node, what);
    }

    public static WireAction ReadAction(JsonObject action, string what)
    {
        CheckActionType(action, "$");
        return Read<WireAction>(action, what);
    }

    public static T Read<T>(JsonNode? node, string what)
    {
        if (node is not JsonObject json) throw GatewayError.Validation($"{what} must be a JSON object.");
        try
        {
            return json.Deserialize<T>(GatewayJson.Options) ?? throw GatewayError.Validation($"{what} must not be null.");
        }
        catch (JsonException e)
        {
            throw GatewayError.Validation($"{what}: {Describe(e)}", e.Path);
        }
    }

    /// <summary>Checked before deserializing, so an unknown action answers with the valid ones rather than a serializer message.</summary>
    private static void CheckActionType(JsonObject action, string path)
    {
        var type = action["action_type"];
        if (type is null)
            throw GatewayError.Validation($"{path}.action_type is required; one of {string.Join(", ", WireAction.Types)}.", path + ".action_type");
        if (type.GetValueKind() != JsonValueKind.String || !WireAction.Types.Contains(type.GetValue<string>()))
            throw GatewayError.Validation($"Unknown action_type {type.ToJsonString()}; one of {string.Join(", ", WireAction.Types)}.", path + ".action_type");
    }

    /// <summary>
    /// The serializer's complaint rewritten for a trainer's author: what the field should be, where it is, and
    /// never a CLR type name.
    /// </summary>
    private static string Describe(JsonException e)
    {
        var path = e.Path is { Length: > 0 } p ? p : "$";
        var message = e.Message;
        if (Regex.Match(message, @"^The JSON property '([^']*)' could not be mapped") is { Success: true } unknown)
            return path.StartsWith("$.options.", StringComparison.Ordinal)
                ? $"Unknown option '{unknown.Groups[1].Value}' (at {path}); options: {string.Join(", ", OptionNames)}."
                : $"Unknown field '{unknown.Groups[1].Value}' (at {path}).";
        if (Regex.Match(message, @"missing required properties including: (.*?)\.?( Path:|$)") is { Success: true } missing)
            return $"Missing required field {missing.Groups[1].Value} (at {path}).";
        if (Regex.Match(message, @"could not be converted to (?:System\.Nullable`1\[)?([\w.`]+)") is { Success: true } converted)
            return $"{path} must be {Expected(converted.Groups[1].Value)}.";
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
            return $"{path} must not be null.";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return $"{(cut >= 0 ? message[..cut] : message).TrimEnd()} (at {path}).";
    }

    private static readonly string[] OptionNames = typeof(ResetOptions).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)).ToArray();

    private static string Expected(string clrType)
    {
        clrType = clrType.TrimEnd('.');
        var name = clrType[(clrType.LastIndexOf('.') + 1)..];
        var enumType = typeof(Abstractions.ScoreMode).Assembly.GetType("MLEDojo.Abstractions." + name);
        if (enumType is { IsEnum: true })
            return "one of " + string.Join(", ", Enum.GetNames(enumType).Select(n => '"' + JsonNamingPolicy.SnakeCaseLower.ConvertName(n) + '"'));
        return name switch
        {
            "Int32" or "Int64" => "an integer",
            "Double" => "a number",
            "String" => "a string",
            "Boolean" => "true or false",
            _ => "a JSON object of the documented shape",
        };
    }
}
