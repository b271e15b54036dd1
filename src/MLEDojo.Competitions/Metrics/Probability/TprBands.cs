namespace MLEDojo.Competitions.Metrics.Probability;

/// <summary>
/// The <c>tpr_thresholds</c> and <c>weights</c> both weighted-AUC families take: at least two thresholds and one
/// weight per band between neighbours. Each family then adds its own bounds on the values.
/// </summary>
internal static class TprBands
{
    public static (double[] Thresholds, double[] Weights) Read(MetricParameters parameters)
    {
        double[]? thresholds, weights;
        try
        {
            thresholds = parameters.GetDoubles("tpr_thresholds");
            weights = parameters.GetDoubles("weights");
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException("Parameters 'tpr_thresholds' and 'weights' must be arrays of numbers.", e);
        }
        if (thresholds is null || weights is null)
            throw new ArgumentException("Parameters 'tpr_thresholds' and 'weights' are required arrays of numbers.");
        if (thresholds.Length < 2 || weights.Length != thresholds.Length - 1)
            throw new ArgumentException("'tpr_thresholds' needs at least two values and 'weights' one value per band between them.");
        return (thresholds, weights);
    }
}
