namespace MLEDojo.Competitions.Metrics;

/// <summary>
/// One competition metric: a pure function of the answer and the submission once their rows are aligned.
/// Implementations are stateless and thread-safe; one instance serves every scoring of a competition.
/// </summary>
public interface IMetric
{
    /// <summary>The family name used in the catalog (for example <c>auc</c>, <c>rmse</c>).</summary>
    string Family { get; }

    /// <summary>
    /// Scores aligned data. Throws <see cref="InvalidSubmissionException"/> when the submission's values cannot be
    /// scored (non-numeric, NaN where the metric cannot take it, a label that is not allowed), with a message
    /// that tells the agent what to fix.
    /// </summary>
    double Evaluate(MetricInput input);
}
