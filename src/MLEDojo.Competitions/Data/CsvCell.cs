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
        // Whatever either path refuses (a 19-digit integer, inf, a word) falls to .NET's parsers below.
        var unsigned = utf8[0] is (byte)'+' or (byte)'-' ? utf8[1..] : utf8;
        if (unsigned.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
        {
            if (unsigned.Length is > 0 and <= 18)
            {
                value = ParseInteger(utf8);
                isInteger = true;
                return true;
            }
        }
        else if (FastDoubleParser.TryParseDouble(utf8, out var consumed, out value) && consumed == utf8.Length && double.IsFinite(value))
            return true;
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

    private static double ParseInteger(ReadOnlySpan<byte> utf8)
    {
        var negative = utf8[0] == (byte)'-';
        var i = utf8[0] is (byte)'+' or (byte)'-' ? 1 : 0;
        long whole = 0;
        for (; i < utf8.Length; i++) whole = whole * 10 + (utf8[i] - '0');
        return negative ? -whole : whole;
    }
}
