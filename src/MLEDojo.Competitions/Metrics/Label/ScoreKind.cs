namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>Which of scikit-learn's set-wise scores a <see cref="ClassificationScoreMetric"/> reports.</summary>
public enum ScoreKind
{
    Precision,
    Recall,
    FBeta,
}
