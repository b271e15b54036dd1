namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>How a metric combines several target columns (the catalog's <c>params.reduce</c>).</summary>
internal enum ColumnReduction
{
    /// <summary>Score each column, then average the scores (MCRMSE; scikit-learn's <c>multioutput="uniform_average"</c>).</summary>
    ColumnMean,

    /// <summary>One score over every cell, as numpy computes it on the 2-D array.</summary>
    Flatten,
}

internal static class ColumnReductionParameter
{
    /// <summary>The catalog's <c>reduce</c>: <c>column_mean</c> (default) or <c>flatten</c>.</summary>
    public static ColumnReduction Reduction(this MetricParameters parameters) =>
        parameters.Choice("reduce", "column_mean", "column_mean", "flatten") switch
        {
            "flatten" => ColumnReduction.Flatten,
            _ => ColumnReduction.ColumnMean,
        };
}
