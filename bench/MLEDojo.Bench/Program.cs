using MLEDojo.Bench;

// dotnet run -c Release --project bench/MLEDojo.Bench -- scoring [--rows 1000000] [--runs 3] [--work DIR]
// dotnet run -c Release --project bench/MLEDojo.Bench -- score-once COMPETITION_DIR SUBMISSION   (one measured child run)
return args switch
{
    ["score-once", var directory, var submission] => ScoringBenchmark.ScoreOnce(directory, submission),
    ["scoring", .. var rest] => ScoringBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MLEDojo.Bench scoring [--rows N] [--runs R] [--work DIR]");
    return 2;
}
