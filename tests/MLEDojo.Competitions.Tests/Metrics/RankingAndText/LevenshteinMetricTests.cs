using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Metrics.RankingAndText;
using static MLEDojo.Competitions.Tests.Metrics.RankingAndText.Inputs;

namespace MLEDojo.Competitions.Tests.Metrics.RankingAndText;

public sealed class LevenshteinMetricTests
{
    [Fact]
    public void Mean_character_distance()
    {
        Approx.Equal((3 + 0 + 3 + 1) / 4.0, Score("levenshtein", "{}", ["kitten", "same", "abc", "flaw"], ["sitting", "same", "", "flaws"]));
    }

    [Fact]
    public void Characters_are_code_points_like_python()
    {
        // '🙂' is one code point (two UTF-16 units): one substitution, not two.
        Assert.Equal(1.0, Score("levenshtein", "{}", ["a🙂b"], ["axb"]));
        Assert.Equal(1.0, Score("levenshtein", "{}", ["🙂"], [""]));
    }

    [Fact]
    public void Missing_prediction_is_rejected_with_its_row()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() => Score("levenshtein", "{}", ["a", "b"], ["a", null]));
        Assert.Contains("row 2", error.Message);
    }

    [Fact]
    public void Integer_tokens_normalised_by_answer_length()
    {
        const string gestures = """{"tokens": "integers", "normalized": true}""";
        // distances 1 (delete 2), 2 (swap), 2 (insert 8 9), 0; 10 answer gestures.
        Approx.Equal(5 / 10.0, Score("levenshtein", gestures, ["1 2 3 4", "5 6", "7", "10 11 12"], ["1 3 4", "6 5", "7 8 9", "10 11 12"]));
        // Equal integers written differently are the same symbol, as Python's int() makes them.
        Assert.Equal(0.0, Score("levenshtein", gestures, ["1 2"], ["+1 02"]));
    }

    [Fact]
    public void Integer_tokens_reject_non_integers()
    {
        var error = Assert.Throws<InvalidSubmissionException>(() =>
            Score("levenshtein", """{"tokens": "integers"}""", ["1 2", "3"], ["1 2", "3 x"]));
        Assert.Contains("'x'", error.Message);
        // A missing cell is the text "nan", which int() refuses too.
        Assert.Throws<InvalidSubmissionException>(() => Score("levenshtein", """{"tokens": "integers"}""", ["1"], [null]));
    }

    [Fact]
    public void Normalising_by_empty_answers_is_a_data_error()
    {
        Assert.Throws<CompetitionDataException>(() => Score("levenshtein", """{"tokens": "integers", "normalized": true}""", [" "], ["1"]));
    }

    [Fact]
    public void Empty_input_and_bad_parameters()
    {
        Assert.Throws<CompetitionDataException>(() => Score("levenshtein", "{}", [], []));
        Assert.Throws<ArgumentException>(() => new LevenshteinMetric(MetricParameters.Parse("""{"tokens": "words"}""")));
        Assert.Throws<ArgumentException>(() => new LevenshteinMetric(MetricParameters.Parse("""{"weights": [1, 1, 2]}""")));
    }

    [Fact]
    public void Bit_parallel_distance_equals_the_dynamic_programme()
    {
        var random = new Random(12345);
        var editDistance = new EditDistance(8);
        for (var trial = 0; trial < 3000; trial++)
        {
            var first = RandomSymbols(random, random.Next(0, trial % 3 == 0 ? 300 : 70));
            var second = trial % 4 == 0 ? Mutate(random, first) : RandomSymbols(random, random.Next(0, 300));
            Assert.Equal(EditDistance.Reference(first, second), editDistance.Distance(first, second));
        }
    }

    [Fact]
    public void A_million_rows_score_quickly()
    {
        const int rows = 1_000_000;
        var truth = new string?[rows];
        var prediction = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            truth[i] = "InChI=1S/C" + i;
            prediction[i] = "InChI=1S/C" + (i + 1);
        }
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var score = Score("levenshtein", "{}", truth, prediction);
        Assert.InRange(score, 0.5, 2);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    private static int[] RandomSymbols(Random random, int length)
    {
        var symbols = new int[length];
        for (var i = 0; i < length; i++) symbols[i] = random.Next(0, 8);
        return symbols;
    }

    private static int[] Mutate(Random random, int[] source)
    {
        var symbols = source.ToList();
        for (var edits = random.Next(0, 20); edits > 0; edits--)
        {
            var at = random.Next(0, symbols.Count + 1);
            if (random.Next(3) == 0 || symbols.Count == 0) symbols.Insert(at, random.Next(0, 8));
            else if (at < symbols.Count && random.Next(2) == 0) symbols.RemoveAt(at);
            else if (at < symbols.Count) symbols[at] = random.Next(0, 8);
        }
        return symbols.ToArray();
    }
}
