using System.Globalization;
using System.Text;
using csFastFloat;

namespace MLEDojo.Competitions.Data;

/// <summary>How pandas' <c>read_csv</c> reads one cell: missing, boolean, number, or text.</summary>
internal static class CsvCell
{
    // pandas' default na_values: these cells read as NaN whatever the column's type.
    private static readonly byte[][] MissingMarkers = new[]
    {
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Whether a cell is one of pandas' missing-value spellings; allocation-free, as it runs for every cell.</summary>
    public static bool IsMissing(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0) return true;
        if (utf8.Length > 8) return false;
        // Every marker starts with one of these; most numbers and labels are ruled out by the first byte.
        if (utf8[0] is not ((byte)'#' or (byte)'-' or (byte)'1' or (byte)'<' or (byte)'N' or (byte)'n')) return false;
        foreach (var marker in MissingMarkers)
            if (utf8.SequenceEqual(marker)) return true;
        return false;
    }

    public static bool TryBoolean(ReadOnlySpan<byte> utf8, out bool value)
    {
        value = false;
        if (utf8.SequenceEqual("True"u8) || utf8.SequenceEqual("TRUE"u8) || utf8.SequenceEqual("true"u8)) { value = true; return true; }
        return utf8.SequenceEqual("False"u8) || utf8.SequenceEqual("FALSE"u8) || utf8.SequenceEqual("false"u8);
    }

    /// <summary>Parses a number as pandas would (surrounding spaces allowed, <c>inf</c>/<c>-inf</c> accepted).</summary>
    public static bool TryNumber(ReadOnlySpan<byte> utf8, out double value, out bool isInteger)
    {
        utf8 = utf8.Trim((byte)' ');
        isInteger = false;
        if (utf8.Length == 0) { value = double.NaN; return false; }
        // Plain spellings (nearly every cell of a submission) take a fast path that gives double.Parse's exact
        // result: an integer of up to 18 digits is exact in a long, and csFastFloat rounds correctly, as .NET does.
        switch (Classify(utf8))
        {
            case Spelling.Integer:
                value = ParseInteger(utf8);
                isInteger = true;
                return true;
            case Spelling.Decimal:
                if (FastDoubleParser.TryParseDouble(utf8, out var consumed, out value) && consumed == utf8.Length && double.IsFinite(value))
                    return true;
                break;
        }
        if (long.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            value = whole;
            isInteger = true;
            return true;
        }
        if (double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return !double.IsNaN(value); // "NaN" spellings are missing markers, handled before
        return false;
    }

    internal enum Spelling { Other, Integer, Decimal }

    /// <summary>
    /// <c>Integer</c>: an optional sign and 1 to 18 digits. <c>Decimal</c>: an optional sign, digits with at most one
    /// point (at least one digit), an optional exponent. Anything else (spaces, words, long integers) is Other.
    /// </summary>
    internal static Spelling Classify(ReadOnlySpan<byte> utf8)
    {
        var i = utf8[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        var start = i;
        while (i < utf8.Length && IsDigit(utf8[i])) i++;
        var digits = i - start;
        if (i == utf8.Length) return digits is > 0 and <= 18 ? Spelling.Integer : Spelling.Other;
        if (utf8[i] == (byte)'.')
        {
            var fraction = ++i;
            while (i < utf8.Length && IsDigit(utf8[i])) i++;
            digits += i - fraction;
        }
        if (digits == 0) return Spelling.Other;
        if (i < utf8.Length && utf8[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < utf8.Length && utf8[i] is (byte)'+' or (byte)'-') i++;
            var exponent = i;
            while (i < utf8.Length && IsDigit(utf8[i])) i++;
            if (i == exponent) return Spelling.Other;
        }
        return i == utf8.Length ? Spelling.Decimal : Spelling.Other;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static double ParseInteger(ReadOnlySpan<byte> utf8)
    {
        var negative = utf8[0] == (byte)'-';
        var i = utf8[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        long whole = 0;
        for (; i < utf8.Length; i++) whole = whole * 10 + (utf8[i] - '0');
        return negative ? -whole : whole;
    }
}
