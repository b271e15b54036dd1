namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>
/// nbme-score-clinical-patient-notes' score: each cell lists character spans "start end" separated by ';', either
/// as plain text or inside a Python list literal (<c>['0 5', '10 15;20 25']</c>); every span stands for the
/// character indices <c>range(start, end)</c>. True/false positive and false negative indices are pooled over rows
/// into one micro F1 (<c>2TP / (2TP + FP + FN)</c>, 1.0 when both sides are empty everywhere). Malformed spans are
/// skipped, as upstream skips them. Index sets are kept as merged intervals, so a span of a billion characters
/// costs no more than a short one.
/// </summary>
public sealed class SpanMicroF1Metric : IMetric
{
    public SpanMicroF1Metric(MetricParameters parameters) => parameters.RequireKnown("span_micro_f1");

    public string Family => "span_micro_f1";

    public double Evaluate(MetricInput input)
    {
        LabelInputCheck.RequireSingleColumn(input, Family);
        var truth = input.Truth[0].IsNumeric ? null : input.Truth[0].Texts;
        var prediction = input.Prediction[0].IsNumeric ? null : input.Prediction[0].Texts;
        var literal = new PythonListLiteral();
        var truthSpans = new List<(long Start, long End)>();
        var predictionSpans = new List<(long Start, long End)>();
        Int128 truePositives = 0, falsePositives = 0, falseNegatives = 0;
        for (var row = 0; row < input.RowCount; row++)
        {
            // A numeric cell (or NaN) prints as a single token, which never forms a "start end" span.
            Read(truth?[row], literal, truthSpans);
            Read(prediction?[row], literal, predictionSpans);
            var truthSize = Merge(truthSpans);
            var predictionSize = Merge(predictionSpans);
            var overlap = Overlap(truthSpans, predictionSpans);
            truePositives += overlap;
            falsePositives += predictionSize - overlap;
            falseNegatives += truthSize - overlap;
        }
        var denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 1.0 : (double)(2 * truePositives) / (double)denominator;
    }

    private static void Read(string? cell, PythonListLiteral literal, List<(long Start, long End)> spans)
    {
        spans.Clear();
        if (cell is null) return;
        var text = PythonStrip(cell);
        if (text.IsEmpty || text.SequenceEqual("[]")) return;
        if (text[0] == '[' && text[^1] == ']' && literal.TryParse(text))
        {
            for (var i = 0; i < literal.Count; i++) ReadSegment(PythonStrip(literal[i]), spans);
            return;
        }
        ReadSegment(text, spans);
    }

    private static void ReadSegment(ReadOnlySpan<char> segment, List<(long Start, long End)> spans)
    {
        foreach (var range in segment.Split(';'))
        {
            var span = PythonStrip(segment[range]);
            if (span.IsEmpty) continue;
            var position = 0;
            if (!LabelTokens.Next(span, ref position, out var first) || !LabelTokens.Next(span, ref position, out var second)
                || LabelTokens.Next(span, ref position, out _))
                continue;
            if (!PythonNumbers.TryParseInteger(first, out var start) || !PythonNumbers.TryParseInteger(second, out var end) || start > end)
                continue;
            if (start < end) spans.Add((start, end));
        }
    }

    /// <summary>Sorts and merges the intervals in place; returns how many indices they cover.</summary>
    private static Int128 Merge(List<(long Start, long End)> spans)
    {
        if (spans.Count == 0) return 0;
        spans.Sort();
        var merged = 0;
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i].Start <= spans[merged].End)
                spans[merged] = (spans[merged].Start, Math.Max(spans[merged].End, spans[i].End));
            else
                spans[++merged] = spans[i];
        }
        spans.RemoveRange(merged + 1, spans.Count - merged - 1);
        Int128 size = 0;
        foreach (var (start, end) in spans) size += (Int128)end - start;
        return size;
    }

    private static Int128 Overlap(List<(long Start, long End)> a, List<(long Start, long End)> b)
    {
        Int128 overlap = 0;
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (start < end) overlap += (Int128)end - start;
            if (a[i].End < b[j].End) i++;
            else j++;
        }
        return overlap;
    }

    private static ReadOnlySpan<char> PythonStrip(ReadOnlySpan<char> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return text[start..end];
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';
}
