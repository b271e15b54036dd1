namespace MLEDojo.Abstractions;

/// <summary>Step actions (reset is its own call): MLE-Dojo's four, then DataSelect's select_batch and stop.</summary>
public enum ActionType { RequestInfo, ValidateCode, ExecuteCode, GetHistory, SelectBatch, Stop }

/// <summary>DataSelect's strategy weights (each >= 0; normalised to sum 1 when used).</summary>
[GenerateSerializer, Immutable]
public sealed record SelectionWeights([property: Id(0)] double Uncertainty, [property: Id(1)] double Diversity, [property: Id(2)] double Random);

/// <summary>
/// One step's action: <see cref="InfoType"/> for request_info, <see cref="Code"/> for validate_code and execute_code,
/// <see cref="BatchSize"/> and <see cref="Weights"/> for select_batch (and optionally stop).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EpisodeAction
{
    [Id(0)] public required ActionType Type { get; init; }
    [Id(1)] public string? InfoType { get; init; }
    [Id(2)] public string? Code { get; init; }
    [Id(3)] public int BatchSize { get; init; }
    [Id(4)] public SelectionWeights? Weights { get; init; }

    public static EpisodeAction RequestInfo(string infoType = "all") => new() { Type = ActionType.RequestInfo, InfoType = infoType };
    public static EpisodeAction ValidateCode(string code) => new() { Type = ActionType.ValidateCode, Code = code };
    public static EpisodeAction ExecuteCode(string code) => new() { Type = ActionType.ExecuteCode, Code = code };
    public static EpisodeAction GetHistory() => new() { Type = ActionType.GetHistory };
    public static EpisodeAction SelectBatch(int batchSize, double uncertainty, double diversity, double random) =>
        new() { Type = ActionType.SelectBatch, BatchSize = batchSize, Weights = new SelectionWeights(uncertainty, diversity, random) };
    public static EpisodeAction Stop() => new() { Type = ActionType.Stop };

    /// <summary>The wire name (MLE-Dojo's request_info, validate_code, execute_code, get_history; DataSelectEnv's select_batch, stop).</summary>
    public static string WireName(ActionType type) => type switch
    {
        ActionType.RequestInfo => "request_info",
        ActionType.ValidateCode => "validate_code",
        ActionType.ExecuteCode => "execute_code",
        ActionType.SelectBatch => "select_batch",
        ActionType.Stop => "stop",
        _ => "get_history",
    };
}
