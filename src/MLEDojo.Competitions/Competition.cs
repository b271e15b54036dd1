using MLEDojo.Competitions.Catalog;

namespace MLEDojo.Competitions;

/// <summary>
/// One competition in MLE-Dojo's prepared layout: <c>&lt;dir&gt;/data/public</c> (what agents may see) and
/// <c>&lt;dir&gt;/data/private</c> (answers and leaderboards, which they must not).
/// </summary>
public sealed class Competition
{
    internal static readonly string[] RequiredPaths =
        ["public", "private", "public/description.txt", "public/sample_submission.csv", "private/test_answer.csv"];

    public Competition(string name, string dataDirectory, ScoringSpec spec, CompetitionMetadata metadata)
    {
        Name = name;
        DataDirectory = Path.GetFullPath(dataDirectory);
        Spec = spec;
        Metadata = metadata;
    }

    public string Name { get; }
    /// <summary>The <c>data</c> folder holding <c>public/</c> and <c>private/</c>.</summary>
    public string DataDirectory { get; }
    public ScoringSpec Spec { get; }
    public CompetitionMetadata Metadata { get; }

    public string PublicDirectory => Path.Combine(DataDirectory, "public");
    public string PrivateDirectory => Path.Combine(DataDirectory, "private");
    public string DescriptionPath => Path.Combine(PublicDirectory, "description.txt");
    public string SampleSubmissionPath => Path.Combine(PublicDirectory, "sample_submission.csv");
    public string AnswerPath => Path.Combine(PrivateDirectory, "test_answer.csv");
    public string PrivateLeaderboardPath => Path.Combine(PrivateDirectory, "private_leaderboard.csv");
    public string PublicLeaderboardPath => Path.Combine(PrivateDirectory, "public_leaderboard.csv");

    public bool HigherIsBetter => Spec.HigherIsBetter;

    /// <summary>Null when the competition can be scored, else why not.</summary>
    public string? Unavailability => Spec.Unavailability;

    public override string ToString() => Name;
}
