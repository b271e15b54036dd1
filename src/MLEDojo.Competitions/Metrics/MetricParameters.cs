using System.Globalization;
using System.Text.Json;

namespace MLEDojo.Competitions.Metrics;

/// <summary>The catalog's <c>params</c> object for one competition's metric (for example <c>{"k": 5}</c>).</summary>
public sealed class MetricParameters
{
    private readonly IReadOnlyDictionary<string, JsonElement> _values;

    public MetricParameters(IReadOnlyDictionary<string, JsonElement> values) => _values = values;

    public static MetricParameters Empty { get; } = new(new Dictionary<string, JsonElement>());

    public static MetricParameters Parse(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? new Dictionary<string, JsonElement>());

    public IEnumerable<string> Names => _values.Keys;

    public bool Has(string name) => _values.ContainsKey(name);

    public string? GetString(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : fallback;

    public double GetDouble(string name, double fallback) =>
        _values.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? double.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetDouble()
            : fallback;

    public int GetInt(string name, int fallback) => (int)GetDouble(name, fallback);

    public bool GetBool(string name, bool fallback) =>
        _values.TryGetValue(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    public string[]? GetStrings(string name) =>
        _values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToArray()
            : null;

    public double[]? GetDoubles(string name) =>
        _values.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.GetDouble()).ToArray()
            : null;

    public override string ToString() =>
        "{" + string.Join(", ", _values.Select(kv => $"\"{kv.Key}\": {kv.Value.GetRawText()}")) + "}";
}
