namespace MLEDojo.Competitions.Metrics.RankingAndText;

/// <summary>
/// Smartphone decimeter's score. Target columns, in order: trip id, timestamp, latitude, longitude (degrees). The
/// family aligns rows itself on (trip as text, timestamp), because the key has two columns: both sides are sorted by
/// it and must hold the same keys. Each row's error is the haversine distance in metres (R = 6,371,000); each trip
/// scores the mean of the 50th and 95th percentiles (numpy's linear interpolation) of its errors; the result is the
/// mean over trips.
/// </summary>
public sealed class HaversinePercentileMetric : IMetric
{
    public const string FamilyName = "haversine_percentile";
    private const double EarthRadiusMetres = 6371000;
    private const double DegreesToRadians = Math.PI / 180.0;

    public HaversinePercentileMetric(MetricParameters parameters) => parameters.RequireKnown(FamilyName);

    public string Family => FamilyName;

    public double Evaluate(MetricInput input)
    {
        MetricGuard.Require(input, FamilyName, 4);
        var answerOrder = SortedKeys(input.Truth, out var answerTrips, out var answerTimes);
        var predictedOrder = SortedKeys(input.Prediction, out var predictedTrips, out var predictedTimes);
        var trueLatitude = input.Truth[2].FiniteNumbers();
        var trueLongitude = input.Truth[3].FiniteNumbers();
        var predictedLatitude = input.Prediction[2].FiniteNumbers();
        var predictedLongitude = input.Prediction[3].FiniteNumbers();

        var trips = new CompensatedSum();
        var errors = new List<double>();
        for (var i = 0; i < answerOrder.Length; i++)
        {
            int a = answerOrder[i], p = predictedOrder[i];
            if (!string.Equals(answerTrips[a], predictedTrips[p], StringComparison.Ordinal) || answerTimes[a] != predictedTimes[p])
                throw input.Prediction[0].Problem(
                    $"The ({input.TargetColumns[0]}, {input.TargetColumns[1]}) pairs differ from the answer's: after sorting, pair {i + 1} is ({predictedTrips[p]}, {predictedTimes[p]:R}) but the answer has ({answerTrips[a]}, {answerTimes[a]:R}).");
            if (i > 0 && string.Equals(answerTrips[a], answerTrips[answerOrder[i - 1]], StringComparison.Ordinal) && answerTimes[a] == answerTimes[answerOrder[i - 1]])
                throw new CompetitionDataException($"The answer repeats the key ({answerTrips[a]}, {answerTimes[a]:R}); keys must be unique.");
            errors.Add(Haversine(trueLatitude[a], trueLongitude[a], predictedLatitude[p], predictedLongitude[p]));
            var tripEnds = i == answerOrder.Length - 1 || !string.Equals(answerTrips[answerOrder[i + 1]], answerTrips[a], StringComparison.Ordinal);
            if (!tripEnds) continue;
            errors.Sort();
            trips.Add((Percentile(errors, 50) + Percentile(errors, 95)) / 2.0);
            errors.Clear();
        }
        return trips.Mean;
    }

    private static int[] SortedKeys(IReadOnlyList<MetricColumn> columns, out string[] trips, out double[] times)
    {
        var tripTexts = columns[0].Texts;
        var timeColumn = columns[1];
        // pandas' Series.equals also compares dtypes, so float timestamps never match the answer's integers.
        if (!timeColumn.IsInteger || !timeColumn.IsNumeric)
            throw timeColumn.Problem($"Column '{timeColumn.Name}' must hold integers (milliseconds) in every row.");
        times = timeColumn.FiniteNumbers();
        trips = new string[tripTexts.Length];
        for (var row = 0; row < trips.Length; row++) trips[row] = PythonText.Str(tripTexts[row]);
        var order = Enumerable.Range(0, trips.Length).ToArray();
        var keyTrips = trips;
        var keyTimes = times;
        Array.Sort(order, (x, y) =>
        {
            var byTrip = string.CompareOrdinal(keyTrips[x], keyTrips[y]);
            return byTrip != 0 ? byTrip : keyTimes[x].CompareTo(keyTimes[y]);
        });
        return order;
    }

    private static double Haversine(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = latitude1 * DegreesToRadians;
        var phi2 = latitude2 * DegreesToRadians;
        var deltaPhi = phi2 - phi1;
        var deltaLambda = longitude2 * DegreesToRadians - longitude1 * DegreesToRadians;
        var a = Math.Pow(Math.Sin(deltaPhi / 2), 2) + Math.Cos(phi1) * Math.Cos(phi2) * Math.Pow(Math.Sin(deltaLambda / 2), 2);
        return EarthRadiusMetres * (2 * Math.Asin(Math.Sqrt(a)));
    }

    /// <summary>numpy's default ("linear") percentile of sorted values, including its two-sided lerp.</summary>
    internal static double Percentile(List<double> sorted, double q)
    {
        var index = (sorted.Count - 1) * (q / 100);
        var below = (int)Math.Floor(index);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var t = index - below;
        double a = sorted[below], b = sorted[above];
        var difference = b - a;
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
    }
}
