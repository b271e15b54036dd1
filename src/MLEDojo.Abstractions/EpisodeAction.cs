namespace MLEDojo.Abstractions;

/// <summary>MLE-Dojo's step actions (reset is its own call).</summary>
public enum ActionType { RequestInfo, ValidateCode, ExecuteCode, GetHistory }

/// <summary>One step's action: <see cref="InfoType"/> for request_info, <see cref="Code"/> for validate_code and execute_code.</summary>
[GenerateSerializer, Immutable]
public sealed record EpisodeAction
{
    [Id(0)] public required ActionType Type { get; init; }
    [Id(1)] public string? InfoType { get; init; }
    [Id(2)] public string? Code { get; init; }

    public static EpisodeAction RequestInfo(string infoType = "all") => new() { Type = ActionType.RequestInfo, InfoType = infoType };
    public static EpisodeAction ValidateCode(string code) => new() { Type = ActionType.ValidateCode, Code = code };
    public static EpisodeAction ExecuteCode(string code) => new() { Type = ActionType.ExecuteCode, Code = code };
    public static EpisodeAction GetHistory() => new() { Type = ActionType.GetHistory };

    /// <summary>The wire name MLE-Dojo uses (request_info, validate_code, execute_code, get_history).</summary>
    public static string WireName(ActionType type) => type switch
    {
        ActionType.RequestInfo => "request_info",
        ActionType.ValidateCode => "validate_code",
        ActionType.ExecuteCode => "execute_code",
        _ => "get_history",
    };
}
