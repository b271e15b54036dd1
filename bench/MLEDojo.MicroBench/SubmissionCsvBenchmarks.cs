using System.Globalization;
using BenchmarkDotNet.Attributes;
using MLEDojo.Competitions.Data;

namespace MLEDojo.MicroBench;

/// <summary>Reading an agent's submission.csv (id and a probability, as binary competitions take) into typed columns.</summary>
[MemoryDiagnoser]
public class SubmissionCsvBenchmarks
{
    private string _path = "";

    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void WriteSubmission()
    {
        _path = Path.Combine(Path.GetTempPath(), $"microbench-submission-{Rows}-{Environment.ProcessId}.csv");
        var random = new Random(7);
        using var writer = new StreamWriter(_path);
        writer.WriteLine("id,target");
        for (var row = 0; row < Rows; row++)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row:D7}_a,{random.NextDouble():R}"));
    }

    [GlobalCleanup]
    public void Remove() => File.Delete(_path);

    [Benchmark]
    public int Read() => CsvFrameReader.Read(_path, new CsvReadRequest { IsSubmission = true, ExpectedRows = Rows }).RowCount;
}
