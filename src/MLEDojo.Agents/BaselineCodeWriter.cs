using System.Globalization;
using System.Text.Json;

namespace MLEDojo.Agents;

/// <summary>What the scripted agent learned from request_info and how hard it should try.</summary>
public sealed record BaselinePlan(string DataPath, bool WantProbabilities, int Trees, int Seed);

/// <summary>
/// Writes a complete pandas/scikit-learn program for a tabular or text competition: it reads the public data,
/// predicts every column of the sample submission that the test set lacks, and writes submission.csv. The
/// program decides the details (features, classifier or regressor) from the data itself at run time.
/// </summary>
public static class BaselineCodeWriter
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(BaselineCodeWriter).Assembly.GetManifestResourceStream("MLEDojo.Agents.baseline_template.py")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static string Write(BaselinePlan plan) => Template.Value
        .Replace("{{model}}", $"random forest with {plan.Trees} trees (TF-IDF + linear model for text)")
        .Replace("{{seed}}", plan.Seed.ToString(CultureInfo.InvariantCulture))
        .Replace("{{trees}}", plan.Trees.ToString(CultureInfo.InvariantCulture))
        .Replace("{{probabilities}}", plan.WantProbabilities ? "True" : "False")
        .Replace("{{data_dir}}", JsonSerializer.Serialize(plan.DataPath, ReadableJson)); // a JSON string is a valid Python string literal

    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Whether the metric ranks probabilities (AUC, log loss) rather than labels, judged from what request_info
    /// returned (metadata tags and overview).
    /// </summary>
    public static bool MetricWantsProbabilities(IReadOnlyDictionary<string, string> info)
    {
        var text = string.Join("\n", new[] { "metadata", "overview" }.Select(k => info.GetValueOrDefault(k, "")));
        return new[] { "Area Under", "AUC", "ROC", "Log Loss", "log loss", "logloss", "probabilit" }
            .Any(marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }
}
