using MLEDojo.Competitions.Metrics.Regression;

namespace MLEDojo.Competitions.Metrics;

/// <summary>Registers the Regression metric families.</summary>
public static class RegressionFamilies
{
    public static void Register(MetricFamilyRegistry registry)
    {
        registry.Add("mse", SquaredErrorMetric.Mse);
        registry.Add("rmse", SquaredErrorMetric.Rmse);
        registry.Add("mae", p => new AbsoluteErrorMetric(p));
        registry.Add("medae", p => new MedianAbsoluteErrorMetric(p));
        registry.Add("msle", SquaredLogErrorMetric.Msle);
        registry.Add("rmsle", SquaredLogErrorMetric.Rmsle);
        registry.Add("rmspe", p => new RmspeMetric(p));
        registry.Add("mape", p => new MapeMetric(p));
        registry.Add("smape", p => new SmapeMetric(p));
        registry.Add("r2", p => new R2Metric(p));
        registry.Add("pearson", CorrelationMetric.Pearson);
        registry.Add("spearman", CorrelationMetric.Spearman);
        registry.Add("kendall", CorrelationMetric.Kendall);
        registry.Add("order_kendall_tau", p => new OrderKendallTauMetric(p));
        registry.Add("mean_row_spearman", p => new RowListSpearmanMetric(p));
        registry.Add("weighted_mae", p => new WeightedAbsoluteErrorMetric(p));
        registry.Add("group_log_mae", p => new GroupLogAbsoluteErrorMetric(p));
        registry.Add("winton_weighted_mae", p => new WintonWeightedAbsoluteErrorMetric(p));
    }
}
