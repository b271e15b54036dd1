using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

/// <summary>
/// End to end for the catalog entries that read answer-only columns: a tiny prepared competition folder, found
/// in the catalog by its name, scores a shuffled submission to the value the upstream <c>evaluate</c> gives
/// (pandas 1.5.3 on the same files), and refuses a submission that lacks a required column.
/// </summary>
public sealed class AnswerColumnCompetitionTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private CompetitionScorer Prepare(string name, string answer, string sampleSubmission)
    {
        var data = Path.Combine(_temp.Path, name, "data");
        var publicFolder = Directory.CreateDirectory(Path.Combine(data, "public")).FullName;
        var privateFolder = Directory.CreateDirectory(Path.Combine(data, "private")).FullName;
        File.WriteAllText(Path.Combine(publicFolder, "description.txt"), $"{name}: a tiny copy for tests.\n");
        File.WriteAllText(Path.Combine(publicFolder, "sample_submission.csv"), sampleSubmission);
        File.WriteAllText(Path.Combine(privateFolder, "test_answer.csv"), answer);
        const string board = "rank,score\n1,0.1\n2,0.5\n3,0.9\n4,1.5\n";
        File.WriteAllText(Path.Combine(privateFolder, "private_leaderboard.csv"), board);
        File.WriteAllText(Path.Combine(privateFolder, "public_leaderboard.csv"), board);
        var competition = CompetitionLoader.Load(Path.Combine(_temp.Path, name));
        Assert.Null(competition.Spec.Unavailability);
        return CompetitionScorer.Create(competition);
    }

    private string Submission(string content) => _temp.File("submission-" + Guid.NewGuid().ToString("N") + ".csv", content);

    private static void AssertScore(double expected, ScoreReport report)
    {
        Assert.True(report.Valid, report.Error);
        RegressionAssert.Close(expected, report.RawScore!.Value);
    }

    private static void AssertInvalid(ScoreReport report, string phrase)
    {
        Assert.False(report.Valid);
        Assert.Equal(CompetitionScorer.InvalidSubmissionError, report.ErrorType);
        Assert.Contains(phrase, report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Benchmark_bond_weights_by_the_answer_weight_column()
    {
        var scorer = Prepare("benchmark-bond-trade-price-challenge",
            "id,trade_price,weight\n12,101.25,1.5\n3,99.5,0.5\n7,100.0,2.0\n25,97.75,1.0\n",
            "id,trade_price\n12,0\n3,0\n7,0\n25,0\n");

        AssertScore(0.375, scorer.Score(Submission("id,trade_price\n3,99.0\n25,98.0\n12,101.0\n7,100.5\n")));
        AssertInvalid(scorer.Score(Submission("id\n3\n25\n12\n7\n")), "Missing required columns in submission: trade_price");
        AssertInvalid(scorer.Score(Submission("id,trade_price,weight\n3,99.0,1\n25,98.0,1\n12,101.0,1\n7,100.5,1\n")), "Extra unexpected columns");
    }

    [Fact]
    public void Champs_scores_each_coupling_type_from_the_answer()
    {
        var scorer = Prepare("champs-scalar-coupling",
            "id,molecule_name,atom_index_0,atom_index_1,type,scalar_coupling_constant\n" +
            "4658147,dsgdb9nsd_000015,0,1,1JHC,84.807\n4658148,dsgdb9nsd_000015,0,2,2JHH,-11.257\n" +
            "4658149,dsgdb9nsd_000015,1,2,1JHC,83.548\n4658150,dsgdb9nsd_000016,0,3,3JHC,1.1\n" +
            "4658151,dsgdb9nsd_000016,2,3,2JHH,-10.5\n",
            "id,scalar_coupling_constant\n4658147,0\n4658148,0\n4658149,0\n4658150,0\n4658151,0\n");

        AssertScore(-0.4295500297490756, scorer.Score(Submission(
            "id,scalar_coupling_constant\n4658151,-10.0\n4658150,1.4\n4658147,80.0\n4658149,83.5\n4658148,-11.0\n")));
        AssertInvalid(scorer.Score(Submission("id\n4658151\n4658150\n4658147\n4658149\n4658148\n")),
            "Missing required columns in submission: scalar_coupling_constant");
        AssertInvalid(scorer.Score(Submission(
            "id,scalar_coupling_constant,type\n4658151,-10.0,2JHH\n4658150,1.4,3JHC\n4658147,80.0,1JHC\n4658149,83.5,1JHC\n4658148,-11.0,2JHH\n")),
            "Extra unexpected columns found in submission: type");
    }

    [Fact]
    public void Winton_weights_by_the_return_index_in_the_answer_id()
    {
        var scorer = Prepare("the-winton-stock-market-challenge",
            "Id,Predicted,Weight_Intraday,Weight_Daily\n" +
            "1_1,0.0012,1251507.2,0.0\n1_2,-0.0008,1251507.2,0.0\n1_61,0.021,0.0,1564384.0\n" +
            "1_62,-0.013,0.0,1564384.0\n2_1,0.0005,1733912.6,0.0\n2_62,0.007,0.0,2167390.75\n",
            "Id,Predicted\n1_1,0.0\n1_2,0.0\n1_61,0.0\n1_62,0.0\n2_1,0.0\n2_62,0.0\n");

        AssertScore(2118.4635, scorer.Score(Submission("Id,Predicted\n2_62,0.005\n1_1,0.001\n1_2,0.0\n1_61,0.02\n1_62,-0.01\n2_1,0.0\n")));
        AssertInvalid(scorer.Score(Submission("Id\n2_62\n1_1\n1_2\n1_61\n1_62\n2_1\n")), "Missing required columns in submission: Predicted");
        AssertInvalid(scorer.Score(Submission("Predicted\n0.005\n0.001\n0.0\n0.02\n-0.01\n0.0\n")), "Missing required columns in submission: Id");
        AssertInvalid(scorer.Score(Submission("Id,Predicted\n2_62,0.005\n1_1,0.001\n1_2,\n1_61,0.02\n1_62,-0.01\n2_1,0.0\n")), "Predicted");
    }
}
