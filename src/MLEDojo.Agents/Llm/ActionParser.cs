using System.Text.Json;
using System.Text.RegularExpressions;
using MLEDojo.Abstractions;

namespace MLEDojo.Agents.Llm;

/// <summary>A parse: the action, or the reason it is not one (told to the model when it is asked again).</summary>
public sealed record ParsedAction(EpisodeAction? Action, string? Error)
{
    public static ParsedAction Invalid(string error) => new(null, error);
}

/// <summary>
/// Reads a model's answer as MLE-Dojo's action format, strictly: one JSON object (bare, or alone in a ```json
/// block) with exactly the keys <c>action</c> and <c>params</c>; <c>request_info</c> takes <c>info_type</c>,
/// <c>validate_code</c> and <c>execute_code</c> take a non-empty <c>code</c>. Anything else is an error that says what is wrong.
/// </summary>
public static partial class ActionParser
{
    public static readonly IReadOnlyList<string> Actions = ["request_info", "validate_code", "execute_code"];
    public static readonly IReadOnlyList<string> InfoTypes = ["overview", "sample_submission", "data_structure", "data_path", "output_path"];

    public static ParsedAction Parse(string? response)
    {
        if (string.IsNullOrWhiteSpace(response)) return ParsedAction.Invalid("The response is empty; answer with one JSON object.");
        var json = ExtractJson(response.Trim());
        if (json is null) return ParsedAction.Invalid("The response is not a JSON object: answer with the JSON object only, or inside one ```json block.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return ParsedAction.Invalid($"The JSON does not parse: {e.Message}");
        }
        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static ParsedAction Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return ParsedAction.Invalid("The JSON must be an object with keys \"action\" and \"params\".");
        var keys = root.EnumerateObject().Select(p => p.Name).ToArray();
        if (keys.Length != 2 || !keys.Contains("action") || !keys.Contains("params"))
            return ParsedAction.Invalid($"The object must have exactly the keys \"action\" and \"params\"; it has {string.Join(", ", keys.Select(k => '"' + k + '"'))}.");
        var action = root.GetProperty("action");
        if (action.ValueKind != JsonValueKind.String || !Actions.Contains(action.GetString()))
            return ParsedAction.Invalid($"\"action\" must be one of {string.Join(", ", Actions)}.");
        var parameters = root.GetProperty("params");
        if (parameters.ValueKind != JsonValueKind.Object) return ParsedAction.Invalid("\"params\" must be an object.");
        var name = action.GetString()!;
        var expected = name == "request_info" ? "info_type" : "code";
        var given = parameters.EnumerateObject().Select(p => p.Name).ToArray();
        if (given.Length != 1 || given[0] != expected)
            return ParsedAction.Invalid($"\"params\" of {name} must have exactly the key \"{expected}\".");
        var value = parameters.GetProperty(expected);
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            return ParsedAction.Invalid($"\"{expected}\" must be a non-empty string.");
        var text = value.GetString()!;
        if (name == "request_info")
            return InfoTypes.Contains(text)
                ? new ParsedAction(EpisodeAction.RequestInfo(text), null)
                : ParsedAction.Invalid($"\"info_type\" must be one of {string.Join(", ", InfoTypes)}; got \"{text}\".");
        return new ParsedAction(name == "validate_code" ? EpisodeAction.ValidateCode(text) : EpisodeAction.ExecuteCode(text), null);
    }

    /// <summary>The bare object, or the body of the only ```json block; more than one block is ambiguous.</summary>
    private static string? ExtractJson(string response)
    {
        if (response.StartsWith('{')) return response;
        var blocks = FencedJson().Matches(response);
        return blocks.Count == 1 ? blocks[0].Groups["body"].Value : null;
    }

    [GeneratedRegex(@"```(?:json)?\s*\n(?<body>\{.*?\})\s*\n?```", RegexOptions.Singleline)]
    private static partial Regex FencedJson();
}
