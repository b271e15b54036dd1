using System.Text.Json;
using Json.Schema;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Rollouts.Tests.Infrastructure;

/// <summary>schemas/trajectory-step.schema.json, loaded once, checking formats (date-time) too.</summary>
public static class TrajectorySchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "schemas", "trajectory-step.schema.json"))));

    /// <summary>The schema's complaints about one line (empty when it conforms).</summary>
    public static IReadOnlyList<string> Problems(string line)
    {
        using var document = JsonDocument.Parse(line);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("invalid").ToArray();
    }

    /// <summary>Every line of a trajectories.jsonl conforms, or the test fails naming the first offending line.</summary>
    public static void AssertFileConforms(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var problems = Problems(line);
            Assert.True(problems.Count == 0, $"{path}:{number}: {string.Join("; ", problems.Take(5))}");
        }
        Assert.True(number > 0, $"{path} is empty");
    }
}
