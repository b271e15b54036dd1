namespace MLEDojo.Competitions.Metrics.Regression;

/// <summary>How a metric combines several target columns (the catalog's <c>params.reduce</c>).</summary>
internal enum ColumnReduction
{
    /// <summary>Score each column, then average the scores (MCRMSE; scikit-learn's <c>multioutput="uniform_average"</c>).</summary>
    ColumnMean,

    /// <summary>One score over every cell, as numpy computes it on the 2-D array.</summary>
    Flatten,
}
