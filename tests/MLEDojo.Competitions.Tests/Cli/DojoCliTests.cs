using System.Text.Json;
using MLEDojo.Cli;

namespace MLEDojo.Competitions.Tests.Cli;

public sealed class DojoCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Code, string Out, string Err) Dojo(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = DojoCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string Reference(string competition, string file) =>
        Path.Combine(RepoPaths.ReferenceRoot, competition, "submissions", file);

    [Fact]
    public void ScoreJsonPrintsOneObjectWithTheContractFields()
    {
        var (code, output, _) = Dojo("score", "--data-root", RepoPaths.CompetitionsRoot, "--competition", "spaceship-titanic",
            "--submission", Reference("spaceship-titanic", "2_baseline_model.csv"), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Equal(0.8149425287356322, root.GetProperty("raw_score").GetDouble(), 15);
        Assert.Equal(26, root.GetProperty("position").GetProperty("private").GetProperty("position").GetInt32());
        Assert.Equal(1967, root.GetProperty("position").GetProperty("private").GetProperty("total").GetInt32());
        Assert.Equal(27, root.GetProperty("position").GetProperty("public").GetProperty("position").GetInt32());
        Assert.Equal(0.987029, root.GetProperty("position").GetProperty("average").GetDouble(), 6);
        Assert.Equal("silver", root.GetProperty("medal").GetString());
        Assert.True(root.GetProperty("above_median").GetBoolean());
    }

    [Fact]
    public void InvalidSubmissionStillExitsZero()
    {
        var (code, output, _) = Dojo("score", "--data-root", RepoPaths.CompetitionsRoot, "-c", "spaceship-titanic",
            "-s", Reference("spaceship-titanic", "4_missing_one_row.csv"), "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Contains("Number of rows", json.RootElement.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("position").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("medal").ValueKind);
    }

    [Fact]
    public void TextOutputNamesPositionsAndMedal()
    {
        var (code, output, _) = Dojo("score", "--data-root", RepoPaths.CompetitionsRoot, "-c", "home-data-for-ml-course",
            "-s", Reference("home-data-for-ml-course", "7_blend_half_baseline_half_truth.csv"));
        Assert.Equal(0, code);
        Assert.Contains("private leaderboard: position 432 / 4549", output);
        Assert.Contains("MLE-bench medal: bronze", output);
    }

    [Fact]
    public void UnknownCompetitionIsAUsageError()
    {
        var (code, _, error) = Dojo("score", "--data-root", RepoPaths.CompetitionsRoot, "-c", "nope", "-s", "x.csv");
        Assert.Equal(DojoCli.UsageError, code);
        Assert.Contains("No competition 'nope'", error);
    }

    [Fact]
    public void MissingOptionIsAUsageError() => Assert.NotEqual(0, Dojo("score", "--competition", "spaceship-titanic").Code);

    [Fact]
    public void ListShowsTheShippedCompetitions()
    {
        var (code, output, _) = Dojo("competitions", "list", "--data-root", RepoPaths.CompetitionsRoot);
        Assert.Equal(0, code);
        Assert.Equal(4, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("nomad2018-predict-transparent-conductors", output);
    }

    [Fact]
    public void ListCatalogCountsSupport()
    {
        var (code, output, _) = Dojo("competitions", "list", "--catalog");
        Assert.Equal(0, code);
        Assert.Contains("202 competitions", output);
    }

    [Fact]
    public void ShowDescribesScoringAndBoards()
    {
        var (code, output, _) = Dojo("competitions", "show", "detecting-insults-in-social-commentary", "--data-root", RepoPaths.CompetitionsRoot);
        Assert.Equal(0, code);
        Assert.Contains("auc", output);
        Assert.Contains("(none: rows in file order)", output);
        Assert.Contains("private board:", output);
        Assert.Contains("medals (MLE-bench)", output);
    }

    [Fact]
    public void ImportChecksAndCopiesAndRefusesToOverwrite()
    {
        var root = Path.Combine(_temp.Path, "root");
        Directory.CreateDirectory(root);
        var first = Dojo("competitions", "import", RepoPaths.CompetitionsRoot, "--data-root", root);
        Assert.Equal(0, first.Code);
        Assert.Contains("4 of 4 imported", first.Out);
        Assert.True(File.Exists(Path.Combine(root, "spaceship-titanic", "data", "private", "test_answer.csv")));

        var again = Dojo("competitions", "import", RepoPaths.Competition("spaceship-titanic"), "--data-root", root);
        Assert.Contains("already under", again.Out);
        Assert.Contains("0 of 1 imported", again.Out);

        var forced = Dojo("competitions", "import", RepoPaths.Competition("spaceship-titanic"), "--data-root", root, "--force");
        Assert.Contains("1 of 1 imported", forced.Out);
    }

    [Fact]
    public void ImportSkipsFoldersThatCannotBeScored()
    {
        var broken = Path.Combine(_temp.Path, "broken", "data", "public");
        Directory.CreateDirectory(broken);
        var (code, output, _) = Dojo("competitions", "import", Path.Combine(_temp.Path, "broken"), "--data-root", _temp.Path);
        Assert.Equal(0, code);
        Assert.Contains("skipped broken", output);
    }

    [Fact]
    public void DataRootComesFromSiloConfig()
    {
        var nested = Path.Combine(_temp.Path, "a", "b");
        Directory.CreateDirectory(nested);
        File.WriteAllText(Path.Combine(_temp.Path, DataRoot.ConfigFileName), """{ "competitionsRoot": "comps" }""");
        Assert.Equal(Path.Combine(_temp.Path, "comps"), DataRoot.Resolve(null, nested));
    }

    [Fact]
    public void RepositorySiloConfigPointsAtTheShippedCompetitions() =>
        Assert.Equal(RepoPaths.CompetitionsRoot, DataRoot.Resolve(null, RepoPaths.Root));
}
