namespace MLEDojo.Competitions.Metrics.Label;

/// <summary>Element-wise equality of two columns the way pandas evaluates <c>series_a == series_b</c>.</summary>
internal static class PandasEquality
{
    /// <summary>
    /// Numbers compare by value (booleans are 1/0, so True == 1), text by content; NaN or an empty cell never
    /// equals anything, and a number never equals a text.
    /// </summary>
    public static long CountEqual(MetricColumn truth, MetricColumn prediction)
    {
        long equal = 0;
        if (truth.IsNumeric && prediction.IsNumeric)
        {
            var a = truth.Numbers;
            var b = prediction.Numbers;
            for (var i = 0; i < a.Length; i++)
                if (a[i] == b[i]) equal++;
            return equal;
        }
        if (truth.IsNumeric != prediction.IsNumeric)
            return 0;
        var x = truth.Texts;
        var y = prediction.Texts;
        for (var i = 0; i < x.Length; i++)
            if (x[i] is not null && string.Equals(x[i], y[i], StringComparison.Ordinal)) equal++;
        return equal;
    }

    /// <summary>Equality after <c>astype(str)</c> on both sides: values compare as pandas prints them, and NaN prints "nan".</summary>
    public static long CountEqualAsText(MetricColumn truth, MetricColumn prediction)
    {
        var x = PandasStrings.AsStr(truth);
        var y = PandasStrings.AsStr(prediction);
        long equal = 0;
        for (var i = 0; i < x.Length; i++)
            if (string.Equals(x[i], y[i], StringComparison.Ordinal)) equal++;
        return equal;
    }
}
