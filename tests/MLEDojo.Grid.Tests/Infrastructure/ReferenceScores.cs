using System.Text.Json;

namespace MLEDojo.Grid.Tests.Infrastructure;

/// <summary>MLE-Dojo's own results for the reference submissions (tests/fixtures/reference/*/expected.json).</summary>
public sealed record ReferenceScore(double RawScore, double AverageScore);

public static class ReferenceScores
{
    public static bool HigherIsBetter(string competition) => Read(competition).RootElement.GetProperty("higher_is_better").GetBoolean();

    public static ReferenceScore For(string competition, string submission)
    {
        var entry = Read(competition).RootElement.GetProperty("submissions").GetProperty(submission);
        return new ReferenceScore(entry.GetProperty("raw_score").GetDouble(), entry.GetProperty("avg_score").GetDouble());
    }

    private static JsonDocument Read(string competition) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.ReferenceRoot, competition, "expected.json")));
}
