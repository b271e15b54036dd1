using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.Probability;
using static MLEDojo.Competitions.Tests.Metrics.Probability.ProbabilityTestData;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>
/// Expected values: scikit-learn 1.6's log_loss (clip to float64 eps, no row renormalisation) reproduced in numpy,
/// and the numpy/pandas formulas MLE-Dojo's hand-written metrics use.
/// </summary>
public class LogLossMetricTests
{
    private static LogLossMetric Create(string json) => new(MetricParameters.Parse(json));

    private static readonly double[] BinaryLabels = [1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0];
    private static readonly double[] BinaryProbabilities = [0.0, 1.0, 1.0, 0.0, 0.89, 0.93, 0.41, 0.75, 0.37, 0.15, 0.58, 0.09, 0.66, 0.81, 0.92, 0.45];

    private static readonly double[][] OneHotTruth =
    [
        [1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
        [0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0],
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    ];

    // Rows do not sum to 1; row 1 puts 0 on its class, row 2 is all zeros, row 3 puts 1 on its class.
    private static readonly double[][] OneHotPredictions =
    [
        [0.0, 0.0, 1.0, 0.52, 0.04, 0.03, 0.44, 0.16, 0.53, 0.79],
        [0.39, 0.0, 0.8, 0.4, 0.8, 0.47, 0.36, 0.01, 0.87, 0.02],
        [0.58, 0.0, 0.48, 0.4, 0.25, 0.72, 0.66, 0.59, 0.42, 0.03],
    ];

    [Fact]
    public void Binary_labels_with_probabilities_of_exactly_zero_and_one_clip_at_float64_eps()
    {
        AssertClose(7.692194436024216, Create("""{"truth": "label", "eps": "auto"}""").Evaluate(MetricInput.FromNumbers(BinaryLabels, BinaryProbabilities)));
    }

    [Fact]
    public void Binary_labels_with_an_explicit_clip()
    {
        AssertClose(7.410079974449889, Create("""{"truth": "label", "eps": 1e-15}""").Evaluate(MetricInput.FromNumbers(BinaryLabels, BinaryProbabilities)));
    }

    [Fact]
    public void Text_labels_take_the_greater_label_as_positive()
    {
        var truth = MetricColumn.FromTexts("y", ["yes", "no", "yes", "no"]);
        var prediction = MetricColumn.FromNumbers("y", [0.8, 0.3, 0.6, 0.1], isSubmission: true);
        var expected = -(Math.Log(0.8) + Math.Log(0.7) + Math.Log(0.6) + Math.Log(0.9)) / 4;
        AssertClose(expected, Create("{}").Evaluate(new MetricInput([truth], [prediction], MetricParameters.Empty)));
    }

    [Fact]
    public void Binary_formula_uses_the_answer_as_a_weight()
    {
        double[] weights = [0.12, 0.9, 0.87, 0.97, 0.59, 0.67, 0.37, 0.18, 0.29, 0.72];
        double[] probabilities = [0.0, 0.69, 0.5, 0.45, 0.97, 0.17, 0.49, 0.16, 0.94, 0.49];
        AssertClose(1.2664317888087644, Create("""{"truth": "binary", "eps": 1e-15}""").Evaluate(MetricInput.FromNumbers(weights, probabilities)));
    }

    [Theory]
    [InlineData("""{"truth": "onehot", "eps": "auto"}""", 8.940713773857835)]
    [InlineData("""{"truth": "onehot", "eps": 1e-15, "normalize": "none"}""", 8.639738375016542)]
    [InlineData("""{"truth": "onehot", "eps": 1e-15, "normalize": "after_clip"}""", 5.48420788749514)]
    [InlineData("""{"truth": "onehot", "eps": 1e-15, "normalize": "before_clip", "zero_sum_divisor": 1}""", 8.831270218867868)]
    public void Multiclass_rows_not_summing_to_one_with_zeros_and_ones(string json, double expected)
    {
        AssertClose(expected, Create(json).Evaluate(Numbers(OneHotTruth, OneHotPredictions)));
    }

    [Fact]
    public void Uniform_predictions_give_log_of_the_class_count()
    {
        var truth = new[] { new double[] { 1, 0 }, [0, 1], [0, 0] };
        var prediction = new[] { new double[] { 1 / 3.0, 1 / 3.0 }, [1 / 3.0, 1 / 3.0], [1 / 3.0, 1 / 3.0] };
        AssertClose(Math.Log(3), Create("""{"truth": "onehot"}""").Evaluate(Numbers(truth, prediction)));
    }

    [Theory]
    [InlineData("""{"truth": "onehot"}""")]
    [InlineData("""{"truth": "onehot", "eps": 1e-15, "normalize": "after_clip"}""")]
    public void Multiclass_rows_spanning_several_parts_score_as_one_sequential_sum(string json)
    {
        // Parts are summed on several threads; the score must be the sequential one, and the same every time.
        const int classes = 4;
        var rows = 3 * LogLossMetric.OneHotPartRows + 17;
        var random = new Random(11);
        var truth = Enumerable.Range(0, classes).Select(_ => new double[rows]).ToArray();
        var prediction = Enumerable.Range(0, classes).Select(_ => new double[rows]).ToArray();
        for (var i = 0; i < rows; i++)
        {
            truth[random.Next(classes)][i] = 1;
            for (var c = 0; c < classes; c++) prediction[c][i] = random.NextDouble();
        }
        var afterClip = json.Contains("after_clip");
        var eps = afterClip ? 1e-15 : 2.220446049250313e-16;
        double sum = 0, compensation = 0;
        for (var i = 0; i < rows; i++)
        {
            var row = prediction.Select(p => Math.Min(Math.Max(p[i], eps), 1 - eps)).ToArray();
            var total = afterClip ? row.Sum() : 1;
            var loss = -Enumerable.Range(0, classes).Sum(c => truth[c][i] * Math.Log(row[c] / total));
            var next = sum + loss;
            compensation += Math.Abs(sum) >= Math.Abs(loss) ? (sum - next) + loss : (loss - next) + sum;
            sum = next;
        }
        var metric = Create(json);
        var first = metric.Evaluate(Numbers(truth, prediction));
        AssertClose((sum + compensation) / rows, first, 1e-13);
        for (var run = 0; run < 5; run++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(first), BitConverter.DoubleToInt64Bits(metric.Evaluate(Numbers(truth, prediction))));
    }

    [Fact]
    public void A_NaN_in_a_later_part_names_its_row()
    {
        var rows = 2 * LogLossMetric.OneHotPartRows + 5;
        var truth = new[] { new double[rows], Enumerable.Repeat(1.0, rows).ToArray() };
        var prediction = new[] { Enumerable.Repeat(0.5, rows).ToArray(), Enumerable.Repeat(0.5, rows).ToArray() };
        prediction[1][rows - 2] = double.NaN;
        var error = Assert.Throws<InvalidSubmissionException>(() => Create("""{"truth": "onehot"}""").Evaluate(Numbers(truth, prediction)));
        Assert.Contains($"row {rows - 1}", error.Message);
    }

    [Fact]
    public void A_single_class_answer_cannot_be_scored_against_one_probability_column()
    {
        Assert.Throws<CompetitionDataException>(() => Create("{}").Evaluate(MetricInput.FromNumbers([1, 1], [0.4, 0.6])));
        Assert.Throws<CompetitionDataException>(() => Create("{}").Evaluate(MetricInput.FromNumbers([0, 1, 2], [0.4, 0.6, 0.5])));
    }

    [Fact]
    public void NaN_and_text_predictions_are_invalid_submissions()
    {
        Assert.Throws<InvalidSubmissionException>(() => Create("{}").Evaluate(MetricInput.FromNumbers([0, 1], [0.4, double.NaN])));
        var onehot = Numbers(OneHotTruth, OneHotPredictions.Select(c => c.ToArray()).ToArray());
        onehot.Prediction[2].Numbers[4] = double.NaN;
        var error = Assert.Throws<InvalidSubmissionException>(() => Create("""{"truth": "onehot"}""").Evaluate(onehot));
        Assert.Contains("row 5", error.Message);
        var input = new MetricInput([MetricColumn.FromNumbers("y", [0, 1])],
            [MetricColumn.FromTexts("y", ["0.4", "likely"], isSubmission: true)], MetricParameters.Empty);
        Assert.Throws<InvalidSubmissionException>(() => Create("{}").Evaluate(input));
    }

    [Fact]
    public void Empty_input_is_a_clear_error()
    {
        Assert.Throws<CompetitionDataException>(() => Create("{}").Evaluate(MetricInput.FromNumbers([], [])));
    }

    [Fact]
    public void A_million_rows_score_quickly()
    {
        const int n = 1_000_000;
        var random = new Random(9);
        var truth = new double[n];
        var probabilities = new double[n];
        for (var i = 0; i < n; i++)
        {
            truth[i] = random.Next(2);
            probabilities[i] = 0.5;
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loss = Create("{}").Evaluate(MetricInput.FromNumbers(truth, probabilities));
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        AssertClose(Math.Log(2), loss);
    }

    [Theory]
    [InlineData("""{"truth": "soft"}""")]
    [InlineData("""{"eps": 0}""")]
    [InlineData("""{"eps": "tiny"}""")]
    [InlineData("""{"truth": "label", "normalize": "after_clip"}""")]
    [InlineData("""{"truth": "onehot", "normalize": "sometimes"}""")]
    [InlineData("""{"truth": "onehot", "normalize": "after_clip", "zero_sum_divisor": 1}""")]
    [InlineData("""{"labels": [0, 1]}""")]
    public void Invalid_parameters_are_rejected(string json)
    {
        Assert.Throws<ArgumentException>(() => Create(json));
    }
}
