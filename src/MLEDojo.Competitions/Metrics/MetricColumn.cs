using System.Globalization;

namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// One column as pandas' <c>read_csv</c> would type it: numeric (ints, floats, booleans as 1/0; empty cells are NaN)
/// or text (empty cells are null). Numeric columns keep no text, to keep a million-row submission small;
/// <see cref="Texts"/> renders them as pandas would print the value.
/// </summary>
public sealed class MetricColumn
{
    private readonly double[]? _numbers;
    private readonly string?[]? _texts;
    private string?[]? _renderedTexts;

    private MetricColumn(string name, double[]? numbers, string?[]? texts, bool isBoolean, bool isInteger, bool isSubmission)
    {
        Name = name;
        _numbers = numbers;
        _texts = texts;
        IsBoolean = isBoolean;
        IsInteger = isInteger;
        IsSubmission = isSubmission;
    }

    public string Name { get; }
    public int Length => _numbers?.Length ?? _texts!.Length;

    /// <summary>True when every cell parsed as a number (or boolean); empty cells are NaN.</summary>
    public bool IsNumeric => _numbers is not null;
    public bool IsBoolean { get; }
    /// <summary>True when every non-empty cell was written as an integer (pandas int64 when no cell is empty).</summary>
    public bool IsInteger { get; }
    /// <summary>Whether the column comes from the agent's submission (errors then blame the submission).</summary>
    public bool IsSubmission { get; }

    public static MetricColumn FromNumbers(string name, double[] values, bool isSubmission = false, bool isBoolean = false, bool? isInteger = null) =>
        new(name, values, null, isBoolean, isInteger ?? values.All(v => double.IsNaN(v) || (double.IsFinite(v) && Math.Floor(v) == v)), isSubmission);

    public static MetricColumn FromTexts(string name, string?[] values, bool isSubmission = false) =>
        new(name, null, values, false, false, isSubmission);

    /// <summary>
    /// The values as numbers. Throws <see cref="InvalidSubmissionException"/> (submission) or
    /// <see cref="CompetitionDataException"/> (answer) naming the first cell that is not a number.
    /// </summary>
    public double[] Numbers
    {
        get
        {
            if (_numbers is not null) return _numbers;
            var texts = _texts!;
            for (var i = 0; i < texts.Length; i++)
                if (texts[i] is not null && !double.TryParse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw Problem($"Column '{Name}' must be numeric, but row {i + 1} holds '{Shorten(texts[i]!)}'.");
            throw Problem($"Column '{Name}' must be numeric.");
        }
    }

    /// <summary>The values as text, the way pandas prints them (<c>True</c>, <c>3</c>, <c>0.5</c>); NaN and empty cells are null.</summary>
    public string?[] Texts => _texts ?? (_renderedTexts ??= RenderNumbers());

    /// <summary>Numbers, refusing NaN and infinities with a message naming the first bad row.</summary>
    public double[] FiniteNumbers()
    {
        var values = Numbers;
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw Problem(double.IsNaN(values[i])
                    ? $"Column '{Name}' has an empty or NaN value at row {i + 1}; every row needs a finite number."
                    : $"Column '{Name}' has an infinite value at row {i + 1}; every row needs a finite number.");
        return values;
    }

    /// <summary>An error of the right kind for this column's side.</summary>
    public Exception Problem(string message) =>
        IsSubmission ? new InvalidSubmissionException(message) : new CompetitionDataException(message);

    private string?[] RenderNumbers()
    {
        var values = _numbers!;
        var texts = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
            texts[i] = PandasText.Render(values[i], IsBoolean, IsInteger);
        return texts;
    }

    /// <summary>A cell quoted in an error message, cut to 40 characters so one huge cell cannot flood the message.</summary>
    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
