using System.Text.Json;
using System.Text.Json.Nodes;
using MLEDojo.Competitions.Leaderboards;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Cli.Commands;

/// <summary>The one JSON object <c>dojo score --json</c> prints (field names are a public contract).</summary>
internal static class ScoreJson
{
    public static string Render(ScoreReport report) => new JsonObject
    {
        ["valid"] = report.Valid,
        ["error_type"] = report.ErrorType,
        ["error"] = report.Error,
        ["raw_score"] = Number(report.RawScore),
        ["position"] = report.Position is { } p
            ? new JsonObject { ["private"] = Board(p.Private), ["public"] = Board(p.Public), ["average"] = Number(p.Average) }
            : null,
        ["medal"] = report.Medal?.ToString().ToLowerInvariant(),
        ["above_median"] = report.AboveMedian,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private static JsonObject? Board(BoardPosition? board) => board is null
        ? null
        : new JsonObject { ["position"] = board.Position, ["total"] = board.Total, ["score"] = Number(board.Score) };

    // JSON has no NaN: a NaN score (possible for some metrics) is written as null.
    private static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;
}
