using System.Globalization;
using System.Text;
using MLEDojo.Competitions.Data;
using MLEDojo.Competitions.Metrics;
using MLEDojo.Competitions.Submissions;

namespace MLEDojo.Competitions.Tests.Data;

public sealed class RoutedReadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static AnswerIdIndex Index(params double[] ids) =>
        AnswerIdIndex.TryBuild(MetricColumn.FromNumbers("id", ids), idsAsText: false)!;

    private CsvFrame Read(string content, IRowRouter? router, string name = "s.csv") =>
        CsvFrameReader.Read(_temp.File(name, content), new CsvReadRequest { IsSubmission = true, ExpectedRows = router?.Rows ?? 0, Router = router });

    [Fact]
    public void RoutesRowsIntoAnswerOrder()
    {
        var frame = Read("id,p\n3,0.3\n1,0.1\n2,0.2\n", Index(1, 2, 3));
        Assert.Equal("id", frame.RoutedBy);
        Assert.Equal([0.1, 0.2, 0.3], frame.Column("p").Numbers);
        Assert.False(frame.TryColumn("id", out _));
    }

    [Fact]
    public void IntegerIdsWrittenAsFloatsRouteAsTheSortPathComparesThem()
    {
        var frame = Read("id,p\n2.0,0.2\n1,0.1\n", Index(1, 2));
        Assert.Equal("id", frame.RoutedBy);
        Assert.Equal([0.1, 0.2], frame.Column("p").Numbers);
    }

    [Theory]
    [InlineData("id,p\n1,0.1\n1,0.2\n")]          // duplicate id
    [InlineData("id,p\n1,0.1\n7,0.2\n")]          // unknown id
    [InlineData("id,p\n1,0.1\n")]                 // too few rows
    [InlineData("id,p\n1,0.1\n2,0.2\n3,0.3\n")]   // too many rows
    [InlineData("id,p\n1,0.1\n,0.2\n")]           // missing id
    [InlineData("id,p\n1,0.1\nx,0.2\n")]          // id that is not a number
    [InlineData("id,p\n1,0.1\n2,abc\n")]          // text prediction: pandas types the column as text
    [InlineData("id,p\n1,True\n2,0.5\n")]         // boolean then number: text in pandas
    public void AnythingUnroutableFallsBackToTheGeneralRead(string content)
    {
        var general = Read(content, null, "g.csv");
        var frame = Read(content, Index(1, 2), "r.csv");
        Assert.Null(frame.RoutedBy);
        Assert.Equal(general.RowCount, frame.RowCount);
        Assert.Equal(general.Column("id").Texts, frame.Column("id").Texts);
        Assert.Equal(general.Column("p").Texts, frame.Column("p").Texts);
    }

    [Fact]
    public void RaggedRowsReportTheGeneralPathsError()
    {
        const string content = "id,p\n1,0.1\n2,0.2,9\n";
        var general = Assert.Throws<InvalidSubmissionException>(() => Read(content, null, "g.csv"));
        var routed = Assert.Throws<InvalidSubmissionException>(() => Read(content, Index(1, 2), "r.csv"));
        Assert.Equal(general.Message, routed.Message);
    }

    [Fact]
    public void QuotedCellsRouteOnTheSequentialPath()
    {
        var frame = Read("id,p\n\"2\",\"0.2\"\n1,0.1\n", Index(1, 2));
        Assert.Equal("id", frame.RoutedBy);
        Assert.Equal([0.1, 0.2], frame.Column("p").Numbers);
    }

    [Fact]
    public void TextIdsRouteOnlyWhenPandasWouldTypeThemAsText()
    {
        var index = AnswerIdIndex.TryBuild(MetricColumn.FromTexts("id", ["b", "a", "007"]), idsAsText: false)!;
        var frame = Read("id,p\n007,3\na,2\nb,1\n", index);
        Assert.Equal("id", frame.RoutedBy);
        Assert.Equal([1.0, 2.0, 3.0], frame.Column("p").Numbers);
        Assert.True(frame.Column("p").IsInteger);

        var numeric = AnswerIdIndex.TryBuild(MetricColumn.FromTexts("id", ["1", "2"]), idsAsText: false)!;
        Assert.Null(Read("id,p\n2,0.2\n1,0.1\n", numeric, "n.csv").RoutedBy);
    }

    [Fact]
    public void NoIndexForRepeatedMissingOrFractionalIdsOrIdsComparedAsText()
    {
        Assert.Null(AnswerIdIndex.TryBuild(MetricColumn.FromNumbers("id", [1, 1, 2]), false));
        Assert.Null(AnswerIdIndex.TryBuild(MetricColumn.FromNumbers("id", [1, double.NaN]), false));
        Assert.Null(AnswerIdIndex.TryBuild(MetricColumn.FromNumbers("id", [1, 1.5]), false));
        Assert.Null(AnswerIdIndex.TryBuild(MetricColumn.FromNumbers("id", [1, 2]), true));
        Assert.Null(AnswerIdIndex.TryBuild(MetricColumn.FromTexts("id", ["a", null]), false));
        Assert.Null(AnswerIdIndex.TryBuild(MetricColumn.FromTexts("id", ["a", "a"]), false));
    }

    [Fact]
    public void SparseIntegerIdsUseALookupTable()
    {
        var index = Index(1e12, -5, 42);
        var state = new RouteState();
        Assert.True(index.TryRoute("42"u8, ref state, out var row));
        Assert.Equal(2, row);
        Assert.True(index.TryRoute(" 1000000000000 "u8, ref state, out row));
        Assert.Equal(0, row);
        Assert.False(index.TryRoute("43"u8, ref state, out _));
    }

    [Fact]
    public void IdsInsideTheDenseRangeButNotInTheAnswerAreUnknown()
    {
        var index = Index(1, 5);
        var state = new RouteState();
        Assert.False(index.TryRoute("3"u8, ref state, out _));
        Assert.True(index.TryRoute("5"u8, ref state, out var row));
        Assert.Equal(1, row);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RepeatedIdFarApartInALargeFileFallsBack(bool parallel)
    {
        const int rows = 50_000;
        var text = new StringBuilder("id,p\n");
        for (var i = 0; i < rows; i++)
            text.Append(CultureInfo.InvariantCulture, $"{(i == rows - 3 ? 7 : i)},0.5\n");
        var threshold = CsvFrameReader.ParallelThresholdBytes;
        try
        {
            CsvFrameReader.ParallelThresholdBytes = parallel ? 1024 : long.MaxValue;
            var frame = Read(text.ToString(), Index(Enumerable.Range(0, rows).Select(i => (double)i).ToArray()));
            Assert.Null(frame.RoutedBy);
            Assert.Equal(7.0, frame.Column("id").Numbers[rows - 3]);
        }
        finally
        {
            CsvFrameReader.ParallelThresholdBytes = threshold;
        }
    }

    [Fact]
    public void ParallelChunkedReadGivesTheSequentialFrame()
    {
        const int rows = 60_000;
        var random = new Random(5);
        var order = Enumerable.Range(0, rows).ToArray();
        random.Shuffle(order);
        var text = new StringBuilder("id,a,b,flag\n");
        foreach (var i in order)
            text.Append(CultureInfo.InvariantCulture, $"{i},{random.NextDouble():R},{(i % 7 == 0 ? "" : i.ToString(CultureInfo.InvariantCulture))},{(i % 2 == 0 ? "True" : "False")}\r\n");
        var index = Index(Enumerable.Range(0, rows).Select(i => (double)i).ToArray());
        var threshold = CsvFrameReader.ParallelThresholdBytes;
        try
        {
            CsvFrameReader.ParallelThresholdBytes = 1024;
            var parallel = Read(text.ToString(), index, "p.csv");
            CsvFrameReader.ParallelThresholdBytes = long.MaxValue;
            var sequential = Read(text.ToString(), index, "q.csv");
            var general = Read(text.ToString(), null, "g.csv");
            Assert.Equal("id", parallel.RoutedBy);
            Assert.Equal("id", sequential.RoutedBy);
            foreach (var name in new[] { "a", "b", "flag" })
            {
                var expected = new double[rows];
                var ids = general.Column("id").Numbers;
                for (var r = 0; r < rows; r++) expected[(int)ids[r]] = general.Column(name).Numbers[r];
                Assert.Equal(expected, parallel.Column(name).Numbers);
                Assert.Equal(expected, sequential.Column(name).Numbers);
                Assert.Equal(general.Column(name).IsInteger, parallel.Column(name).IsInteger);
                Assert.Equal(general.Column(name).IsBoolean, parallel.Column(name).IsBoolean);
            }
        }
        finally
        {
            CsvFrameReader.ParallelThresholdBytes = threshold;
        }
    }

    [Theory]
    [InlineData("id,p\n1,0.1\n2,0.2\n", 2)]
    [InlineData("id,p\n1,0.1\n2,0.2", 2)]     // no line end after the last row
    [InlineData("id,p\n1,0.1\n\n2,0.2\n", 3)] // a blank line only makes it an over-estimate
    [InlineData("id,p\n", 0)]
    [InlineData("id,p", 0)]
    public void DataLinesUpperBoundCountsLineEnds(string content, int expected) =>
        Assert.Equal(expected, CsvFrameReader.DataLinesUpperBound(_temp.File("n.csv", content)));

    [Fact]
    public void AlignerDropsTheIndexedAnswerIdsAndReadsThemAgainForAnUnroutableSubmission()
    {
        var answerPath = _temp.File("answer.csv", "id,y\n1,0\n2,1\n3,1\n");
        var request = new CsvReadRequest { IsSubmission = false };
        var answer = CsvFrameReader.Read(answerPath, request);
        var spec = new MLEDojo.Competitions.Catalog.ScoringSpec { Name = "t", Family = "auc", IdColumn = "id", TargetColumns = ["y"] };
        var reloads = 0;
        var aligner = new SubmissionAligner(spec, answer, column =>
        {
            reloads++;
            return CsvFrameReader.Read(answerPath, request with { Columns = [column] }).Column(column);
        });
        Assert.NotNull(aligner.Router);

        var routed = CsvFrameReader.Read(_temp.File("r.csv", "id,y\n3,0.3\n1,0.1\n2,0.2\n"),
            new CsvReadRequest { IsSubmission = true, ExpectedRows = 3, Router = aligner.Router, Columns = aligner.ColumnsToRead });
        Assert.Equal([0.1, 0.2, 0.3], aligner.Align(routed).Prediction[0].Numbers);
        Assert.Equal(0, reloads);

        // Read without the router, as when routing fails: alignment needs the answer's ids again.
        var general = CsvFrameReader.Read(_temp.File("g.csv", "id,y\n3,0.3\n1,0.1\n2,0.2\n"),
            new CsvReadRequest { IsSubmission = true, Columns = aligner.ColumnsToRead });
        Assert.Equal([0.1, 0.2, 0.3], aligner.Align(general).Prediction[0].Numbers);
        Assert.Equal(1, reloads);
        var wrong = CsvFrameReader.Read(_temp.File("w.csv", "id,y\n3,0.3\n1,0.1\n9,0.2\n"),
            new CsvReadRequest { IsSubmission = true, Columns = aligner.ColumnsToRead });
        Assert.Throws<InvalidSubmissionException>(() => aligner.Align(wrong));
    }
}
