using System.Text;
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

    public static T Read<T>(JsonNode? node, string what)
    {
        if (node is not JsonObject json) throw GatewayError.Validation($"{what} must be a JSON object.");
        CheckActionType(typeof(T) == typeof(WireAction) ? json : json["action"] as JsonObject, typeof(T) == typeof(WireAction) ? "$" : "$.action");
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
    private static void CheckActionType(JsonObject? action, string path)
    {
        if (action is null) return;
        var type = action["action_type"];
        if (type is null)
            throw GatewayError.Validation($"{path}.action_type is required; one of {string.Join(", ", WireAction.Types)}.", path + ".action_type");
        if (type.GetValueKind() != JsonValueKind.String || !WireAction.Types.Contains(type.GetValue<string>()))
            throw GatewayError.Validation($"Unknown action_type {type.ToJsonString()}; one of {string.Join(", ", WireAction.Types)}.", path + ".action_type");
    }

    /// <summary>The serializer's message without its CLR type names and byte positions, with the field's JSON path.</summary>
    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        message = Regex.Replace(message, @" (?:contained in|for) type '[^']*'", "");
        message = Regex.Replace(message, @"System\.Nullable`1\[(?:\w+\.)*(\w+)\]", "$1");
        message = message.Replace("System.Int32", "an integer").Replace("System.Int64", "an integer").Replace("System.Double", "a number")
            .Replace("System.String", "a string").Replace("System.Boolean", "a boolean");
        var builder = new StringBuilder(message.TrimEnd());
        if (e.Path is { Length: > 0 } path) builder.Append(" (at ").Append(path).Append(')');
        return builder.ToString();
    }
}
