using MLEDojo.Abstractions;

namespace MLEDojo.Agents;

/// <summary>
/// Asks for each kind of competition information once and stops without submitting (MLE-Dojo's dummy agent): a
/// floor for evaluations and the cheapest load test of the info path.
/// </summary>
public sealed class InfoOnlyAgent : ScriptedAgent
{
    public static readonly IReadOnlyList<string> InfoTypes = ["overview", "sample_submission", "data_structure", "data_path", "output_path"];

    public override string Name => "info-only";

    protected override int PlanLength => InfoTypes.Count;

    protected override EpisodeAction Plan(int index) => EpisodeAction.RequestInfo(InfoTypes[index]);
}
