using System.Diagnostics;
using MLEDojo.BenchSuite.Infrastructure;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.BenchSuite.Scoring;

/// <summary>The grid's own scoring of a submission (<see cref="CompetitionScorer"/>), measured as python_score.py measures its side.</summary>
public static class DotnetScoring
{
    /// <summary>
    /// Cold: the competition loaded and the first scoring (answers read). Steady state: the median of
    /// <paramref name="repeats"/> scorings after <paramref name="warmups"/> unmeasured ones, answers cached and code
    /// compiled, as a silo scores many submissions (Python's side likewise warms up and reports the median of the same
    /// numbers). Warmups matter here: tiered compilation needs a few scorings to reach its optimized code. Peak memory
    /// is the process's after the cold scoring: one job's alone when the process does nothing else.
    /// </summary>
    public static ScoringMeasurement Measure(string competitionDirectory, string submission, int warmups, int repeats)
    {
        var baseline = ProcessMemory.ResidentBytes();
        var cold = Stopwatch.StartNew();
        var scorer = CompetitionScorer.Create(CompetitionLoader.Load(competitionDirectory));
        var report = scorer.Score(submission);
        cold.Stop();
        var peakCold = ProcessMemory.PeakResidentBytes();
        for (var i = 0; i < warmups; i++) scorer.Score(submission);
        var warm = new double[repeats];
        for (var i = 0; i < warm.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            report = scorer.Score(submission);
            warm[i] = clock.Elapsed.TotalSeconds;
        }
        if (!report.Valid || report.RawScore is not { } score) throw new InvalidOperationException($"The benchmark submission was rejected: {report.Error}");
        return new ScoringMeasurement(score, LoadSample.Median(warm), cold.Elapsed.TotalSeconds, peakCold, baseline);
    }
}
