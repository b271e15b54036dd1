using System.Text.Json;
using MLEDojo.Competitions.Metrics;
using static MLEDojo.Competitions.Tests.Metrics.Regression.RegressionAssert;

namespace MLEDojo.Competitions.Tests.Metrics.Regression;

/// <summary>
/// Builds metrics from the catalog's own family and params and checks them against the upstream class's
/// <c>evaluate</c>, run in Python on the same small frames (rows already in id order).
/// </summary>
public class CatalogEntryTests
{
    private static readonly Lazy<JsonElement[]> Entries = new(() =>
    {
        using var stream = typeof(MetricFamilies).Assembly.GetManifestResourceStream("MLEDojo.Competitions.Catalog.metrics-regression.json")!;
        return JsonDocument.Parse(stream).RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    });

    private static IMetric MetricOf(string competition)
    {
        var entry = Entries.Value.Single(e => e.GetProperty("name").GetString() == competition);
        return MetricFamilies.Create(entry.GetProperty("family").GetString()!, MetricParameters.Parse(entry.GetProperty("params").GetRawText()));
    }

    private static MetricInput Frame(string[] names, double[][] truth, double[][] prediction) =>
        new(names.Select((n, j) => MetricColumn.FromNumbers(n, truth[j])).ToArray(),
            names.Select((n, j) => MetricColumn.FromNumbers(n, prediction[j], isSubmission: true)).ToArray(),
            MetricParameters.Empty);

    [Fact]
    public void Every_entry_names_a_registered_family_or_is_marked_unsupported()
    {
        foreach (var entry in Entries.Value)
        {
            var family = entry.GetProperty("family").GetString()!;
            var supported = entry.GetProperty("supported").GetBoolean();
            if (supported && family != "mcc")
                Assert.True(MetricFamilies.IsSupported(family), $"{entry.GetProperty("name")}: family '{family}' is not registered.");
            if (supported && MetricFamilies.IsSupported(family))
                MetricOf(entry.GetProperty("name").GetString()!);
            if (!supported)
                Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("unsupported_reason").GetString()));
        }
    }

    [Fact]
    public void Catalog_is_sorted_by_name() =>
        Assert.Equal(Entries.Value.Select(e => e.GetProperty("name").GetString()).Order(StringComparer.Ordinal),
            Entries.Value.Select(e => e.GetProperty("name").GetString()));

    [Fact]
    public void Afsis_mean_columnwise_rmse() =>
        Close(0.21593725994619545, MetricOf("afsis-soil-properties").Evaluate(Frame(
            ["Ca", "P", "pH", "SOC", "Sand"],
            [[0.1, -0.3, 1.2, 0.5, -1.1, 0.0], [0.2, 0.4, -0.5, 1.0, 0.3, -0.2], [1, 2, 3, 4, 5, 6], [0.5, 0.5, 0.7, -0.1, 0.2, 0.3], [-1, 0, 1, 2, -2, 0.5]],
            [[0.2, -0.1, 1.0, 0.4, -1.0, 0.1], [0.0, 0.5, -0.4, 0.8, 0.3, -0.1], [1.5, 2, 2.5, 4, 5.5, 6], [0.4, 0.6, 0.7, 0.0, 0.1, 0.35], [-0.5, 0.2, 1, 1.5, -2.5, 0.4]])));

    [Fact]
    public void Grupo_bimbo_clips_negative_predictions_to_zero() =>
        Close(0.30376210285865857, MetricOf("grupo-bimbo-inventory-demand").Evaluate(
            Frame(["Demanda_uni_equil"], [[3, 0, 12, 5, 1, 7]], [[2.5, -1.0, 10, 6, 0, 7.5]])));

    [Fact]
    public void See_click_predict_fix_pools_all_three_columns() =>
        Close(0.1620326807357988, MetricOf("see-click-predict-fix").Evaluate(Frame(
            ["num_views", "num_votes", "num_comments"],
            [[1, 0, 5, 2, 10], [1, 2, 3, 1, 1], [0, 0, 1, 2, 0]],
            [[1.2, 0.5, 4, 2, 8], [1, 1.5, 2.5, 1, 1.2], [0.1, 0, 0.8, 1.5, 0.2]])));

    [Fact]
    public void Google_quest_counts_undefined_column_correlations_as_zero() =>
        Close(0.290693866424127, MetricOf("google-quest-challenge").Evaluate(Frame(
            ["a", "b", "c"],
            [[0.1, 0.5, 0.5, 0.9, 0.3], [1, 0, 1, 0, 1], [0.2, 0.2, 0.2, 0.2, 0.2]],
            [[0.2, 0.4, 0.6, 0.8, 0.1], [0.5, 0.5, 0.5, 0.5, 0.5], [0.1, 0.3, 0.2, 0.4, 0.5]])));

    [Fact]
    public void Demand_forecasting_smape() =>
        Close(88.08080808080808, MetricOf("demand-forecasting-kernels-only").Evaluate(
            Frame(["sales"], [[10, 0, 7, 3, 25]], [[12, 1, 7, 0, 20]])));

    [Fact]
    public void Playground_s3e19_smape_scores_zero_over_zero_as_zero() =>
        Close(104.54545454545455, MetricOf("playground-series-s3e19").Evaluate(
            Frame(["num_sold"], [[0, 10, 4, 0]], [[0, 12, 0, 3]])));

    [Fact]
    public void Ai4code_order_tau() =>
        Close(0.23076923076923073, MetricOf("AI4Code").Evaluate(MetricInput.FromTexts(
            ["a b c d e", "x y z", "p"], ["b a d c e", "z y x", "p"], name: "cell_order")));

    [Fact]
    public void Draper_mean_row_spearman() =>
        Close(0.8999999999999998, MetricOf("draper-satellite-image-chronology").Evaluate(MetricInput.FromTexts(
            ["1 2 3 4 5", "5 3 1 2 4"], ["2 1 3 4 5", "4 3 1 2 5"], name: "day")));

    [Fact]
    public void Novozymes_drops_rows_without_a_true_tm() =>
        Close(0.7999999999999999, MetricOf("novozymes-enzyme-stability-prediction").Evaluate(
            Frame(["tm"], [[50.1, double.NaN, 47.3, 60.0, double.NaN, 55.5]], [[1.0, 9.0, 0.5, 2.0, -2.0, 3.0]])));

    [Fact]
    public void Nomad2018_mean_rmsle_of_log_plus_one() =>
        Close(0.04420667201774184, MetricOf("nomad2018-predict-transparent-conductors").Evaluate(Frame(
            ["formation_energy_ev_natom", "bandgap_energy_ev"],
            [[0.05, 0.2, 0.11, 0.31], [1.2, 3.4, 2.2, 0.9]],
            [[0.06, 0.18, 0.1, 0.3], [1.0, 3.5, 2.0, 1.1]])));

    [Fact]
    public void Covid_week3_mean_rmsle_and_refuses_negatives()
    {
        var metric = MetricOf("covid19-global-forecasting-week-3");
        string[] names = ["ConfirmedCases", "Fatalities"];
        double[][] truth = [[0, 10, 100, 1000], [0, 0, 2, 30]];
        Close(0.3605039772243904, metric.Evaluate(Frame(names, truth, [[1, 12, 90, 1100.5], [0, 1, 2, 25]])));
        Assert.Throws<InvalidSubmissionException>(() => metric.Evaluate(Frame(names, truth, [[1, 12, 90, 1100.5], [0, -0.5, 2, 25]])));
    }

    [Fact]
    public void Mercedes_r2() =>
        Close(0.9275227652852629, MetricOf("mercedes-benz-greener-manufacturing").Evaluate(
            Frame(["y"], [[100.2, 95.1, 110.7, 88.0, 101.3]], [[99.0, 97.0, 108.0, 90.5, 100.0]])));

    [Fact]
    public void Us_patent_pearson() =>
        Close(0.9512133231041793, MetricOf("us-patent-phrase-to-phrase-matching").Evaluate(
            Frame(["score"], [[0, 0.25, 0.5, 0.75, 1, 0.5]], [[0.1, 0.2, 0.55, 0.6, 0.9, 0.3]])));

    [Fact]
    public void New_york_taxi_is_mse_without_a_root() =>
        Close(1.4375, MetricOf("new-york-city-taxi-fare-prediction").Evaluate(Frame(["fare_amount"], [[5.5, 12.0, 7.25]], [[6.0, 10.0, 7.0]])));

    [Fact]
    public void Battlefin_mae_over_all_outputs() =>
        Close(0.10833333333333332, MetricOf("battlefin-s-big-data-combine-forecasting-challenge").Evaluate(
            Frame(["O1", "O2"], [[0.1, -0.2, 0.3], [1.0, 0.5, -0.5]], [[0.0, -0.1, 0.35], [0.8, 0.6, -0.4]])));
}
