using System.Globalization;
using MLEDojo.BenchSuite.Infrastructure;

namespace MLEDojo.BenchSuite.Scoring;

/// <summary>The MLE-Dojo way of scoring (python_score.py: pandas read_csv + scikit-learn) on Debian's interpreter.</summary>
public static class PythonScoring
{
    /// <summary>The interpreter scripts/setup.sh gives pandas, numpy and scikit-learn.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <param name="kind">"auc" or "logloss".</param>
    public static Task<ScoringMeasurement> RunAsync(string kind, int warmups, int repeats, string competitionDirectory, string submission, CancellationToken cancellationToken) =>
        ScoringMeasurement.OfProcessAsync(Interpreter,
            [BenchPaths.BesideAssembly("python_score.py"), kind, repeats.ToString(CultureInfo.InvariantCulture),
                Path.Combine(competitionDirectory, "data", "private", "test_answer.csv"), submission, warmups.ToString(CultureInfo.InvariantCulture)],
            cancellationToken);
}
