using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLEDojo.Competitions.Catalog;

/// <summary>
/// How one competition is scored: the facts its MLE-Dojo metric class encodes (docs/CATALOG.md). The same
/// shape is a catalog entry and, for competitions outside the catalog, the <c>competition.json</c> manifest.
/// </summary>
public sealed record ScoringSpec
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("metric_class")] public string? MetricClass { get; init; }
    [JsonPropertyName("family")] public string Family { get; init; } = "";
    [JsonPropertyName("params")] public Dictionary<string, JsonElement> Params { get; init; } = new();
    [JsonPropertyName("higher_is_better")] public bool HigherIsBetter { get; init; } = true;
    [JsonPropertyName("id_column")] public string? IdColumn { get; init; }
    [JsonPropertyName("id_as_text")] public bool IdAsText { get; init; }
    [JsonPropertyName("row_check_column")] public string? RowCheckColumn { get; init; }
    [JsonPropertyName("target_columns")] public string[] TargetColumns { get; init; } = [];
    [JsonPropertyName("submission_columns")] public string[]? SubmissionColumns { get; init; }
    /// <summary>Where the submission holds each target's prediction, when its column is named differently (parallel to target_columns).</summary>
    [JsonPropertyName("prediction_columns")] public string[]? PredictionColumns { get; init; }
    /// <summary>Answer columns the metric reads that a submission does not have (weights, groups).</summary>
    [JsonPropertyName("answer_columns")] public string[] AnswerColumns { get; init; } = [];
    [JsonPropertyName("supported")] public bool Supported { get; init; } = true;
    [JsonPropertyName("unsupported_reason")] public string? UnsupportedReason { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }

    /// <summary>Why this spec cannot score, or null when it can (unsupported, unknown family, bad parameters).</summary>
    [JsonIgnore]
    public string? Unavailability => _unavailability.Value;

    private readonly Lazy<string?> _unavailability;

    public ScoringSpec() => _unavailability = new Lazy<string?>(FindUnavailability);

    private string? FindUnavailability()
    {
        if (!Supported) return UnsupportedReason ?? "marked unsupported";
        if (!Metrics.MetricFamilies.IsSupported(Family)) return $"metric family '{Family}' is not implemented";
        try
        {
            Metrics.MetricFamilies.Create(Family, new Metrics.MetricParameters(Params));
            return null;
        }
        catch (CompetitionDataException e)
        {
            return e.Message;
        }
    }

    /// <summary>Checks the fields a manifest author could get wrong; returns the problems found.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("'name' is required");
        if (string.IsNullOrWhiteSpace(Family)) problems.Add("'family' is required");
        if (TargetColumns.Length == 0) problems.Add("'target_columns' needs at least one column (or [\"*\"])");
        if (PredictionColumns is { } predictions && (predictions.Length != TargetColumns.Length || TargetColumns is ["*"]))
            problems.Add("'prediction_columns' must name one submission column per explicit target column");
        return problems;
    }
}
