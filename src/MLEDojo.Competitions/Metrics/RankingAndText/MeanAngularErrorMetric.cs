namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Mean angle in radians between true and predicted directions given as (azimuth, zenith) in that column order
/// (IceCube): arccos(sin z₁ sin z₂ cos(a₁ − a₂) + cos z₁ cos z₂), with the cosine clipped to [−1, 1] first.
/// </summary>
public sealed class MeanAngularErrorMetric : IMetric
{
    public const string FamilyName = "mean_angular_error";

    public MeanAngularErrorMetric(MetricParameters parameters) => parameters.RequireKnown(FamilyName);

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 2);
        var trueAzimuth = input.Truth[0].FiniteNumbers();
        var trueZenith = input.Truth[1].FiniteNumbers();
        var predictedAzimuth = input.Prediction[0].FiniteNumbers();
        var predictedZenith = input.Prediction[1].FiniteNumbers();
        var mean = new CompensatedSum();
        for (var row = 0; row < input.RowCount; row++)
        {
            var cosine = Math.Sin(trueZenith[row]) * Math.Sin(predictedZenith[row]) * Math.Cos(trueAzimuth[row] - predictedAzimuth[row])
                         + Math.Cos(trueZenith[row]) * Math.Cos(predictedZenith[row]);
            mean.Add(Math.Acos(Math.Clamp(cosine, -1.0, 1.0)));
        }
        return mean.Mean;
    }
}
