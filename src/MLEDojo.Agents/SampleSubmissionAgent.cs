using System.Text.Json;
using MLEDojo.Abstractions;

namespace MLEDojo.Agents;

/// <summary>
/// Submits the competition's sample submission unchanged: the score of doing nothing, which every learned policy
/// should beat. Two steps: request_info(data_path), execute_code(copy sample_submission.csv to submission.csv).
/// </summary>
public sealed class SampleSubmissionAgent : ScriptedAgent
{
    private string _dataPath = ".";

    public override string Name => "sample-submission";

    protected override int PlanLength => 2;

    protected override void OnReset() => _dataPath = ".";

    protected override EpisodeAction Plan(int index) => index == 0
        ? EpisodeAction.RequestInfo("data_path")
        : EpisodeAction.ExecuteCode(CopyCode(_dataPath));

    protected override void Observe(int index, StepResult result)
    {
        if (index == 0 && result.Observation.Info?.GetValueOrDefault("data_path") is { Length: > 0 } path) _dataPath = path;
    }

    /// <summary>Python that copies the sample submission; the path is a JSON string, which is a valid Python literal.</summary>
    public static string CopyCode(string dataPath) =>
        "import os, shutil\n" +
        $"data_dir = os.environ.get(\"DOJO_DATA_DIR\", {JsonSerializer.Serialize(dataPath)})\n" +
        "shutil.copyfile(os.path.join(data_dir, \"sample_submission.csv\"), \"submission.csv\")\n" +
        "print(\"submitted the sample submission\")\n";
}
