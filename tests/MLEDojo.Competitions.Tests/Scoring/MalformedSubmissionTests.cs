using System.Text;
using MLEDojo.Competitions.Data;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Competitions.Tests.Scoring;

/// <summary>
/// Every kind of broken submission gets an invalid verdict with a message that names the problem; none
/// throws. Built from the reference baselines of spaceship-titanic (text ids, boolean labels) and nomad2018
/// (integer ids, two numeric targets).
/// </summary>
public sealed class MalformedSubmissionTests : IDisposable
{
    private const string Spaceship = "spaceship-titanic";
    private const string Nomad = "nomad2018-predict-transparent-conductors";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string[] Baseline(string competition) =>
        File.ReadAllLines(Path.Combine(RepoPaths.ReferenceRoot, competition, "submissions", "2_baseline_model.csv"));

    private static string Join(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    public static TheoryData<string, string, string> Cases() => new()
    {
        // case name, competition, phrase the message must contain
        { "empty file", Spaceship, "empty" },
        { "header only", Spaceship, "no data rows" },
        { "binary file", Spaceship, "binary" },
        { "missing row", Spaceship, "Number of rows in submission (869) does not match ground truth (870)" },
        { "extra row", Spaceship, "Number of rows in submission (871)" },
        { "duplicate id", Spaceship, "more than once" },
        { "unknown id", Spaceship, "not in the test set" },
        { "missing target column", Spaceship, "Missing required columns in submission: Transported" },
        { "extra column", Spaceship, "Extra unexpected columns found in submission: Probability" },
        { "renamed id column", Spaceship, "Missing required columns in submission: PassengerId" },
        { "duplicate header name", Spaceship, "repeats the column name" },
        { "blank header name", Spaceship, "blank name" },
        { "too many fields", Spaceship, "field(s) on data row 5" },
        { "too few fields", Spaceship, "field(s) on data row 7" },
        { "unclosed quote", Spaceship, "well-formed" },
        { "semicolon separated", Spaceship, "Missing required columns" },
        { "non-numeric prediction", Nomad, "bandgap_energy_ev" },
        { "NaN prediction", Nomad, "formation_energy_ev_natom" },
        { "empty prediction cell", Nomad, "formation_energy_ev_natom" },
        { "infinite prediction", Nomad, "bandgap_energy_ev" },
        { "non-numeric id", Nomad, "not in the test set" },
        { "oversized record", Spaceship, "well-formed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GetsAClearError(string kind, string competition, string phrase)
    {
        var path = Path.Combine(_temp.Path, "submission.csv");
        Write(kind, competition, path);

        var report = Scorer(competition).Score(path);

        Assert.False(report.Valid, $"{kind}: expected an invalid verdict");
        Assert.Equal(CompetitionScorer.InvalidSubmissionError, report.ErrorType);
        Assert.Contains(phrase, report.Error, StringComparison.Ordinal);
        Assert.Null(report.RawScore);
    }

    [Fact]
    public void MissingFileIsSubmissionNotFound()
    {
        var report = Scorer(Spaceship).Score(Path.Combine(_temp.Path, "submission.csv"));
        Assert.False(report.Valid);
        Assert.Equal(CompetitionScorer.SubmissionNotFoundError, report.ErrorType);
    }

    [Fact]
    public void OneGigabyteFileIsRefusedBeforeReading()
    {
        var path = Path.Combine(_temp.Path, "huge.csv");
        using (var stream = File.Create(path)) stream.SetLength(1L << 30); // sparse: no disk is used
        var report = Scorer(Spaceship).Score(path);
        Assert.False(report.Valid);
        Assert.Contains("over the 512 MiB limit", report.Error);
    }

    [Fact]
    public void ByteOrderMarkCrlfAndQuotesAreAccepted()
    {
        var lines = Baseline(Spaceship);
        var quoted = lines.Select((l, i) => i == 0 ? l : $"\"{l.Split(',')[0]}\",{l.Split(',')[1]}");
        var path = Path.Combine(_temp.Path, "submission.csv");
        File.WriteAllText(path, string.Join("\r\n", quoted) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var report = Scorer(Spaceship).Score(path);

        Assert.True(report.Valid, report.Error);
        Assert.Equal(0.8149425287356322, report.RawScore!.Value, 12);
    }

    [Fact]
    public void LowerCaseBooleansReadAsBooleans()
    {
        var lines = Baseline(Spaceship).Select((l, i) => i == 0 ? l : l.Replace("True", "true").Replace("False", "false"));
        var path = _temp.File("submission.csv", Join(lines));
        Assert.Equal(0.8149425287356322, Scorer(Spaceship).Score(path).RawScore!.Value, 12);
    }

    private static CompetitionScorer Scorer(string competition) => ScorerCache.For(competition);

    private void Write(string kind, string competition, string path)
    {
        var lines = Baseline(competition).ToList();
        string Row(int i) => lines[i];
        switch (kind)
        {
            case "empty file": File.WriteAllText(path, ""); return;
            case "header only": File.WriteAllText(path, lines[0] + "\n"); return;
            case "binary file": File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x00]); return;
            case "missing row": lines.RemoveAt(1); break;
            case "extra row": lines.Add(Row(1)); break;
            case "duplicate id": lines[2] = lines[1]; break;
            case "unknown id": lines[3] = "9999_99,True"; break;
            case "missing target column": lines = lines.Select(l => l.Split(',')[0]).ToList(); break;
            case "extra column": lines = lines.Select((l, i) => l + (i == 0 ? ",Probability" : ",0.5")).ToList(); break;
            case "renamed id column": lines[0] = "passenger_id,Transported"; break;
            case "duplicate header name": lines[0] = "PassengerId,PassengerId"; break;
            case "blank header name": lines[0] = "PassengerId,"; break;
            case "too many fields": lines[5] += ",extra"; break;
            case "too few fields": lines[7] = lines[7].Split(',')[0]; break;
            case "unclosed quote": lines[4] = "\"" + lines[4]; break;
            case "semicolon separated": lines = lines.Select(l => l.Replace(',', ';')).ToList(); break;
            case "non-numeric prediction": lines[3] = string.Join(',', lines[3].Split(',')[0], "0.1", "high"); break;
            case "NaN prediction": lines[3] = string.Join(',', lines[3].Split(',')[0], "NaN", "1.5"); break;
            case "empty prediction cell": lines[3] = string.Join(',', lines[3].Split(',')[0], "", "1.5"); break;
            case "infinite prediction": lines[3] = string.Join(',', lines[3].Split(',')[0], "0.1", "inf"); break;
            case "non-numeric id": lines[3] = "abc," + string.Join(',', lines[3].Split(',').Skip(1)); break;
            case "oversized record":
                File.WriteAllText(path, Join(lines.Take(3).Append("\"" + new string('x', 2 * 1024 * 1024))));
                return;
            default: throw new ArgumentException(kind);
        }
        File.WriteAllText(path, Join(lines));
    }
}
