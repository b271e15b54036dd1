using System.Globalization;
using System.Text;
using MLEDojo.Abstractions;

namespace MLEDojo.Agents.Llm;

/// <summary>An observation as the model reads it: feedback, requested information and scores, cut in the middle past a cap.</summary>
public static class ObservationText
{
    public static string Render(StepResult result, int maxChars)
    {
        var o = result.Observation;
        var text = new StringBuilder();
        if (result.Error is { } error) text.AppendLine("Error: " + error);
        if (o.Feedback.Length > 0) text.AppendLine(o.Feedback);
        if (o.Info is { Count: > 0 } info && !o.Feedback.Contains("Your requested information", StringComparison.Ordinal))
            foreach (var (key, value) in info) text.AppendLine($"[{key}]").AppendLine(value);
        text.Append(CultureInfo.InvariantCulture, $"Best position score so far: {Score(o.BestPositionScore)}; best raw score: {Score(o.BestRawScore)}.");
        return Cut(text.ToString(), maxChars);
    }

    /// <summary>Keeps the head and the tail (where tracebacks end), marking how much was left out.</summary>
    public static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        var half = Math.Max(1, maxChars / 2);
        return text[..half] + $"\n... [{text.Length - 2 * half} characters cut] ...\n" + text[^half..];
    }

    private static string Score(double? value) => value?.ToString("0.#####", CultureInfo.InvariantCulture) ?? "none";
}
