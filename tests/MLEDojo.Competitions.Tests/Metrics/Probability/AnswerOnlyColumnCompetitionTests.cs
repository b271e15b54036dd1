using MLEDojo.Competitions.Scoring;
using static MLEDojo.Competitions.Tests.Metrics.Probability.ProbabilityTestData;

namespace MLEDojo.Competitions.Tests.Metrics.Probability;

/// <summary>
/// Both competitions scored end to end from a prepared folder, through the catalog entry found by folder name.
/// Their metrics read answer-only columns (toxicity and identities; min_ANNmuon) that submissions never carry.
/// Expected scores come from upstream validate_submission and evaluate run on the same CSV text with pandas
/// (Debian's python3, scikit-learn 1.2.1).
/// </summary>
public sealed class AnswerOnlyColumnCompetitionTests : IDisposable
{
    private const double Tolerance = 1e-9;

    // Shaped like Kaggle's test_private_expanded.csv: quoted text with commas, identities empty where unannotated.
    private const string JigsawAnswer =
        """
        id,comment_text,toxicity,severe_toxicity,male,female,transgender,other_gender,heterosexual,homosexual_gay_or_lesbian,bisexual,other_sexual_orientation,christian,jewish,muslim,hindu,buddhist,atheist,other_religion,black,white,asian,latino,other_race_or_ethnicity,physical_disability,intellectual_or_learning_disability,psychiatric_or_mental_illness,other_disability,identity_annotator_count
        7000000,"Comment 0, with a comma",0.2,0.0,0.0,0.7,0.0,0.0,0.0,0.0,0.0,0.0,0.3,0.0,1.0,0.0,0.0,0.0,0.0,0.3,0.5,0.0,0.0,0.0,0.0,0.0,0.0,0.0,4
        7000037,"Comment 1, with a comma",0.2,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,0.0,1.0,0.5,0.0,0.0,0.0,0.0,0.0,0.0,0.0,4
        7000074,"Comment 2, with a comma",0.1,0.0,0.5,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.3,0.0,0.7,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,4
        7000011,"Comment 3, with a comma",1.0,0.0,0.7,0.5,0.0,0.0,0.0,0.0,0.0,0.0,0.5,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.7,0.0,0.0,0.0,0.0,0.0,0.0,0.0,4
        7000048,"Comment 4, with a comma",0.2,0.0,0.7,0.5,0.0,0.0,0.0,0.0,0.0,0.0,0.3,0.0,0.7,0.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,4
        7000085,"Comment 5, with a comma",0.5,0.0,0.7,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.5,0.0,0.7,0.0,0.0,0.0,0.0,0.7,0.3,0.0,0.0,0.0,0.0,0.0,0.0,0.0,4
        7000022,"Comment 6, with a comma",0.9,0.0,0.0,0.3,0.0,0.0,0.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.5,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,4
        7000059,"Comment 7, with a comma",0.4,0.0,,,,,,,,,,,,,,,,,,,,,,,,,0
        7000096,"Comment 8, with a comma",0.0,0.0,,,,,,,,,,,,,,,,,,,,,,,,,0
        7000033,"Comment 9, with a comma",0.2,0.0,,,,,,,,,,,,,,,,,,,,,,,,,0
        7000070,"Comment 10, with a comma",0.5,0.0,,,,,,,,,,,,,,,,,,,,,,,,,0
        7000007,"Comment 11, with a comma",0.0,0.0,,,,,,,,,,,,,,,,,,,,,,,,,0
        """;

    private const string JigsawSubmission =
        """
        id,prediction
        7000007,0.99
        7000037,0.92
        7000011,0.99
        7000000,0.01
        7000085,0.82
        7000048,0.47
        7000070,0.67
        7000033,0.98
        7000074,0.68
        7000059,0.74
        7000022,0.05
        7000096,0.26
        """;

    private const string FlavoursAnswer =
        """
        id,prediction,min_ANNmuon
        1000,1.0,0.154
        1003,0.0,0.74
        1006,1.0,0.263
        1009,0.0,0.534
        1012,1.0,
        1015,0.0,0.919
        1018,1.0,0.901
        1021,0.0,0.033
        1024,1.0,0.957
        1027,0.0,0.4
        1030,1.0,0.284
        1033,0.0,0.606
        1036,1.0,0.944
        1039,0.0,0.853
        """;

    private const string FlavoursSubmission =
        """
        id,prediction
        1030,0.52
        1006,0.69
        1015,0.11
        1036,0.63
        1021,0.01
        1009,0.34
        1033,0.47
        1039,0.57
        1000,0.3
        1012,0.84
        1024,0.39
        1003,0.36
        1018,0.84
        1027,0.08
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Jigsaw_unintended_bias_scores_like_upstream()
    {
        var scorer = Scorer("jigsaw-unintended-bias-in-toxicity-classification", JigsawAnswer, "id,prediction\n7000000,0.0\n");
        var report = scorer.Score(Submission("jigsaw.csv", JigsawSubmission));
        Assert.True(report.Valid, report.Error);
        AssertClose(0.40615709553464197, report.RawScore!.Value, Tolerance);
    }

    [Fact]
    public void Jigsaw_unintended_bias_requires_exactly_id_and_prediction()
    {
        var scorer = Scorer("jigsaw-unintended-bias-in-toxicity-classification", JigsawAnswer, "id,prediction\n7000000,0.0\n");
        var missing = scorer.Score(Submission("missing.csv", OnlyIds(JigsawSubmission)));
        Assert.False(missing.Valid);
        Assert.Equal(CompetitionScorer.InvalidSubmissionError, missing.ErrorType);
        Assert.Contains("prediction", missing.Error);

        var extra = scorer.Score(Submission("extra.csv", WithExtraColumn(JigsawSubmission, "toxicity")));
        Assert.False(extra.Valid);
        Assert.Contains("toxicity", extra.Error);
    }

    [Fact]
    public void Flavours_of_physics_scores_like_upstream()
    {
        var scorer = Scorer("flavours-of-physics-kernels-only", FlavoursAnswer, "id,prediction\n1000,0.5\n");
        var report = scorer.Score(Submission("flavours.csv", FlavoursSubmission));
        Assert.True(report.Valid, report.Error);
        AssertClose(0.9110911091109111, report.RawScore!.Value, Tolerance);
    }

    [Fact]
    public void Flavours_of_physics_requires_prediction_but_not_min_ANNmuon()
    {
        var scorer = Scorer("flavours-of-physics-kernels-only", FlavoursAnswer, "id,prediction\n1000,0.5\n");
        var missing = scorer.Score(Submission("missing.csv", OnlyIds(FlavoursSubmission)));
        Assert.False(missing.Valid);
        Assert.Equal(CompetitionScorer.InvalidSubmissionError, missing.ErrorType);
        Assert.Contains("prediction", missing.Error);

        var extra = scorer.Score(Submission("extra.csv", WithExtraColumn(FlavoursSubmission, "min_ANNmuon")));
        Assert.False(extra.Valid);
        Assert.Contains("min_ANNmuon", extra.Error);
    }

    [Fact]
    public void A_target_the_answer_lacks_is_a_data_error_unless_submission_columns_asks_for_it()
    {
        Scorer("jigsaw-unintended-bias-in-toxicity-classification", JigsawAnswer, "id,prediction\n7000000,0.0\n");
        // The same spec without submission_columns: 'prediction' now reads as a typo for an answer column.
        File.WriteAllText(Path.Combine(_temp.Path, "jigsaw-unintended-bias-in-toxicity-classification", CompetitionLoader.ManifestFileName),
            """
            {"family": "jigsaw_bias_auc", "params": {"identity_columns": ["male"]}, "id_column": "id", "id_as_text": true,
             "target_columns": ["prediction"], "answer_columns": ["toxicity", "male"]}
            """);
        var competition = CompetitionLoader.Load(Path.Combine(_temp.Path, "jigsaw-unintended-bias-in-toxicity-classification"));
        var e = Assert.Throws<CompetitionDataException>(() => CompetitionScorer.Create(competition));
        Assert.Contains("'prediction'", e.Message);
    }

    private CompetitionScorer Scorer(string name, string answer, string sample)
    {
        var data = Path.Combine(_temp.Path, name, "data");
        Directory.CreateDirectory(Path.Combine(data, "public"));
        Directory.CreateDirectory(Path.Combine(data, "private"));
        File.WriteAllText(Path.Combine(data, "public", "description.txt"), name);
        File.WriteAllText(Path.Combine(data, "public", "sample_submission.csv"), sample);
        File.WriteAllText(Path.Combine(data, "private", "test_answer.csv"), answer + "\n");
        File.WriteAllText(Path.Combine(data, "private", "private_leaderboard.csv"), "rank,score\n1,0.95\n2,0.9\n3,0.5\n4,0.3\n");
        File.WriteAllText(Path.Combine(data, "private", "public_leaderboard.csv"), "rank,score\n1,0.96\n2,0.85\n3,0.4\n");
        var competition = CompetitionLoader.Load(Path.Combine(_temp.Path, name));
        Assert.Null(competition.Unavailability);
        return CompetitionScorer.Create(competition);
    }

    private string Submission(string name, string content) => _temp.File(name, content + "\n");

    private static string OnlyIds(string submission) =>
        string.Join("\n", submission.Split('\n').Select(line => line.Split(',')[0]));

    private static string WithExtraColumn(string submission, string column) =>
        string.Join("\n", submission.Split('\n').Select((line, i) => line + "," + (i == 0 ? column : "0.5")));
}
