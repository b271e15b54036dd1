using System.Globalization;
using System.Text;
using MLEDojo.Competitions.Data;

namespace MLEDojo.Competitions.Tests.Data;

public sealed class CsvCellNumberTests
{
    /// <summary>The parse before the fast paths: long first, then double.Parse.</summary>
    private static (bool Ok, double Value, bool IsInteger) Reference(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text).AsSpan().Trim((byte)' ');
        if (utf8.Length == 0) return (false, double.NaN, false);
        if (long.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return (true, whole, true);
        if (double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return (!double.IsNaN(value), value, false);
        return (false, value, false);
    }

    private static void Same(string text)
    {
        var expected = Reference(text);
        var ok = CsvCell.TryNumber(Encoding.UTF8.GetBytes(text), out var value, out var isInteger);
        Assert.True(expected.Ok == ok, $"'{text}': accepted {ok}, reference {expected.Ok}");
        if (!ok) return;
        Assert.True(BitConverter.DoubleToInt64Bits(expected.Value) == BitConverter.DoubleToInt64Bits(value), $"'{text}': {value:R} vs {expected.Value:R}");
        Assert.True(expected.IsInteger == isInteger, $"'{text}': integer {isInteger} vs {expected.IsInteger}");
    }

    [Theory]
    [InlineData("0")] [InlineData("-0")] [InlineData("+7")] [InlineData("007")] [InlineData("-0.0")] [InlineData("0.0")]
    [InlineData("123456789012345678")] [InlineData("1234567890123456789")] [InlineData("9223372036854775807")]
    [InlineData("9223372036854775808")] [InlineData("-9223372036854775808")] [InlineData("99999999999999999999999")]
    [InlineData("1.")] [InlineData(".5")] [InlineData("-.5")] [InlineData(".")] [InlineData("-")] [InlineData("+")] [InlineData("1.e5")]
    [InlineData("1e5")] [InlineData("1E-5")] [InlineData("1e+308")] [InlineData("1e309")] [InlineData("-1e309")] [InlineData("1e-400")]
    [InlineData("4.9406564584124654e-324")] [InlineData("2.2250738585072011e-308")] [InlineData("1.7976931348623157e308")]
    [InlineData("0.1")] [InlineData("0.30000000000000004")] [InlineData("9007199254740993")] [InlineData("9007199254740993.0")]
    [InlineData(" 2.5 ")] [InlineData("\t2.5")] [InlineData("2.5\t")] [InlineData("1e")] [InlineData("1e+")] [InlineData("e5")]
    [InlineData("inf")] [InlineData("-inf")] [InlineData("Infinity")] [InlineData("-Infinity")] [InlineData("NaN")] [InlineData("nan")]
    [InlineData("1,5")] [InlineData("1_000")] [InlineData("0x10")] [InlineData("1.5.2")] [InlineData("--1")] [InlineData("+-1")]
    [InlineData("True")] [InlineData("")] [InlineData("   ")] [InlineData("1 2")] [InlineData("١٢")]
    [InlineData("0.12345678901234567890123456789")] [InlineData("123456789012345678901234567890.5")]
    public void MatchesTheReferenceParse(string text) => Same(text);

    [Fact]
    public void MatchesTheReferenceParseOnRandomDoubles()
    {
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var bits = (long)(random.NextDouble() * long.MaxValue) ^ ((long)random.Next() << 32);
            var value = BitConverter.Int64BitsToDouble(bits);
            if (!double.IsFinite(value)) continue;
            Same(value.ToString("R", CultureInfo.InvariantCulture));
            Same(random.NextDouble().ToString("R", CultureInfo.InvariantCulture));
            Same(random.NextDouble().ToString("G6", CultureInfo.InvariantCulture));
            Same((random.NextDouble() * 1e6).ToString("F3", CultureInfo.InvariantCulture));
            Same(random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture));
        }
    }
}
