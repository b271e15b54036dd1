using System.Text;
using MLEDojo.Competitions.Data;

namespace MLEDojo.Competitions.Tests.Data;

public sealed class CsvFrameReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private CsvFrame Read(string content, IReadOnlyCollection<string>? columns = null) =>
        CsvFrameReader.Read(_temp.File("f.csv", content), new CsvReadRequest { IsSubmission = true, Columns = columns });

    [Fact]
    public void TypesColumnsLikePandas()
    {
        var frame = Read("id,flag,score,label,mixed\n1,True,0.5,cat,1\n2,False,1e-3,dog,x\n3,True,,cat,2\n");
        Assert.True(frame.Column("id").IsNumeric);
        Assert.True(frame.Column("id").IsInteger);
        Assert.True(frame.Column("flag").IsBoolean);
        Assert.Equal(["True", "False", "True"], (IEnumerable<string?>)frame.Column("flag").Texts);
        Assert.True(double.IsNaN(frame.Column("score").Numbers[2]));
        Assert.Equal(0.001, frame.Column("score").Numbers[1]);
        Assert.False(frame.Column("label").IsNumeric);
        // A column that turns to text after numbers is re-read, so "1" keeps its spelling.
        Assert.Equal(["1", "x", "2"], (IEnumerable<string?>)frame.Column("mixed").Texts);
    }

    [Fact]
    public void IntegerColumnWithMissingCellPrintsAsFloat()
    {
        var frame = Read("id,v\n1,3\n2,\n");
        Assert.Equal(["3.0", null], (IEnumerable<string?>)frame.Column("v").Texts);
    }

    [Fact]
    public void PandasMissingMarkersAreNaN()
    {
        var frame = Read("v\nNA\nnull\nN/A\n1.5\n");
        var values = frame.Column("v").Numbers;
        Assert.True(values.Take(3).All(double.IsNaN));
        Assert.Equal(1.5, values[3]);
    }

    [Fact]
    public void StripsByteOrderMarkAndHandlesCrlfAndQuotes()
    {
        var path = Path.Combine(_temp.Path, "bom.csv");
        File.WriteAllText(path, "id,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n", new UTF8Encoding(true));
        var frame = CsvFrameReader.Read(path, new CsvReadRequest { IsSubmission = true });
        Assert.Equal(["id", "text"], frame.Header);
        Assert.Equal(["a, b", "say \"hi\""], (IEnumerable<string?>)frame.Column("text").Texts);
    }

    [Fact]
    public void ReadsOnlyRequestedColumns()
    {
        var frame = Read("a,b\n1,2\n", ["b"]);
        Assert.Equal(["a", "b"], frame.Header);
        Assert.True(frame.TryColumn("b", out _));
        Assert.False(frame.TryColumn("a", out _));
    }

    [Fact]
    public void AnswerProblemsBlameTheCompetition()
    {
        var path = _temp.File("answer.csv", "");
        Assert.Throws<CompetitionDataException>(() => CsvFrameReader.Read(path, new CsvReadRequest { IsSubmission = false }));
    }
}
