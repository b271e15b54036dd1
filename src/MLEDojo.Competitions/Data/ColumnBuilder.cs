using System.Text;
using MLEDojo.Competitions.Metrics;

namespace MLEDojo.Competitions.Data;

/// <summary>
/// Accumulates one column while the file streams by, typing it as pandas does: numbers (ints, floats) or
/// booleans while every cell fits, text otherwise. A column that turns out to be text after numbers were seen
/// asks for a second, text-only pass, because the numbers' original spelling was not kept.
/// </summary>
internal sealed class ColumnBuilder(string name, bool isSubmission, int capacity, bool forceText)
{
    private enum Kind { Unknown, Number, Boolean, Text }

    private Kind _kind = forceText ? Kind.Text : Kind.Unknown;
    private double[] _numbers = forceText ? [] : new double[Math.Max(capacity, 16)];
    private string?[] _texts = forceText ? new string?[Math.Max(capacity, 16)] : [];
    private int _count;
    private bool _allInteger = true;
    private bool _anyMissing;

    public string Name { get; } = name;

    /// <summary>Set when the column turned into text after numeric cells: it must be read again as text.</summary>
    public bool NeedsTextPass { get; private set; }

    public void Add(ReadOnlySpan<byte> cell)
    {
        if (NeedsTextPass) return;
        if (CsvCell.IsMissing(cell))
        {
            _anyMissing = true;
            if (_kind == Kind.Text) AppendText(null);
            else AppendNumber(double.NaN);
            return;
        }
        switch (_kind)
        {
            case Kind.Text:
                AppendText(Encoding.UTF8.GetString(cell));
                return;
            case Kind.Unknown:
                DecideKind(cell);
                Add(cell);
                return;
            case Kind.Boolean:
                if (CsvCell.TryBoolean(cell, out var flag)) AppendNumber(flag ? 1 : 0);
                else NeedsTextPass = true;
                return;
            case Kind.Number:
                if (CsvCell.TryNumber(cell, out var number, out var isInteger))
                {
                    _allInteger &= isInteger;
                    AppendNumber(number);
                }
                else NeedsTextPass = true;
                return;
        }
    }

    public MetricColumn Build()
    {
        if (NeedsTextPass) throw new InvalidOperationException($"Column '{Name}' needs a text pass.");
        if (_kind == Kind.Text)
        {
            Array.Resize(ref _texts, _count);
            return MetricColumn.FromTexts(Name, _texts, isSubmission);
        }
        Array.Resize(ref _numbers, _count);
        // pandas reads an int column with a missing cell as float64, so its values print as 3.0.
        return MetricColumn.FromNumbers(Name, _numbers, isSubmission, isBoolean: _kind == Kind.Boolean,
            isInteger: _kind == Kind.Number && _allInteger && !_anyMissing);
    }

    private void DecideKind(ReadOnlySpan<byte> firstValue)
    {
        if (CsvCell.TryBoolean(firstValue, out _)) _kind = Kind.Boolean;
        else if (CsvCell.TryNumber(firstValue, out _, out _)) _kind = Kind.Number;
        else
        {
            // Only missing cells so far: they stay missing (null) in a text column.
            _kind = Kind.Text;
            _texts = new string?[_numbers.Length];
            _numbers = [];
        }
    }

    private void AppendNumber(double value)
    {
        if (_count == _numbers.Length) Array.Resize(ref _numbers, _numbers.Length * 2);
        _numbers[_count++] = value;
    }

    private void AppendText(string? value)
    {
        if (_count == _texts.Length) Array.Resize(ref _texts, _texts.Length * 2);
        _texts[_count++] = value;
    }
}
