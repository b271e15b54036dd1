using System.Text.Json.Serialization;

namespace MLEDojo.Competitions.Catalog;

/// <summary>MLE-Dojo's <c>CompInfo</c>: what a competition is about, for listing and filtering.</summary>
public sealed record CompetitionMetadata
{
    [JsonPropertyName("category")] public string Category { get; init; } = "Tabular";
    [JsonPropertyName("level")] public string Level { get; init; } = "intermediate";
    [JsonPropertyName("tags")] public string[] Tags { get; init; } = [];
    [JsonPropertyName("tldr")] public string? Tldr { get; init; }
    [JsonPropertyName("output_type")] public string OutputType { get; init; } = "submission.csv";
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }

    public static CompetitionMetadata Default { get; } = new();
}
