using System.Diagnostics;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Agents.Tests;

/// <summary>
/// The scripted agent's code is real: run with Debian's Python on each shipped competition, it writes a valid
/// submission that beats the sample submission.
/// </summary>
public sealed class BaselineCodeWriterTests
{
    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("spaceship-titanic")]
    [InlineData("home-data-for-ml-course")]
    [InlineData("nomad2018-predict-transparent-conductors")]
    [InlineData("detecting-insults-in-social-commentary")]
    public async Task WritesAValidSubmissionThatBeatsTheSample(string name)
    {
        var competition = CompetitionLoader.Load(Path.Combine(Root, "data", "competitions", name));
        var info = new Competitions.Info.InfoProviders().Get("all", new Competitions.Info.InfoContext(competition, "."));
        var plan = new BaselinePlan(competition.PublicDirectory, BaselineCodeWriter.MetricWantsProbabilities(info), Trees: 20, Seed: 1);
        var work = Directory.CreateTempSubdirectory("mledojo-agent-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(work, "solution.py"), BaselineCodeWriter.Write(plan));
            var (exit, output) = await RunPython(work, competition.PublicDirectory);
            Assert.True(exit == 0, output);

            var scorer = CompetitionScorer.Create(competition);
            var report = scorer.Score(Path.Combine(work, "submission.csv"));
            var sample = scorer.Score(competition.SampleSubmissionPath);
            Assert.True(report.Valid, report.Error);
            Assert.True(competition.HigherIsBetter ? report.RawScore > sample.RawScore : report.RawScore < sample.RawScore,
                $"baseline {report.RawScore} vs sample {sample.RawScore}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void ProbabilityMetricsAreRecognisedFromInfo()
    {
        Assert.True(BaselineCodeWriter.MetricWantsProbabilities(new Dictionary<string, string> { ["metadata"] = "\"tags\": [\"Area Under Receiver Operating Characteristic Curve\"]" }));
        Assert.False(BaselineCodeWriter.MetricWantsProbabilities(new Dictionary<string, string> { ["metadata"] = "\"tags\": [\"Categorization Accuracy\"]" }));
    }

    [Fact]
    public void DataPathIsAPythonStringLiteral()
    {
        var code = BaselineCodeWriter.Write(new BaselinePlan("/data/it's \"here\"", false, 10, 0));
        Assert.Contains("os.environ.get(\"DOJO_DATA_DIR\", \"/data/it's \\\"here\\\"\")", code);
    }

    private static async Task<(int Exit, string Output)> RunPython(string work, string dataDirectory)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", "solution.py")
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOJO_DATA_DIR"] = dataDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "MLEDojo.Orleans.sln"))) return folder.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
