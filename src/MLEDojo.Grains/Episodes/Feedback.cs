using System.Globalization;
using System.Text;
using MLEDojo.Abstractions;

namespace MLEDojo.Grains.Episodes;

/// <summary>The feedback text an agent reads, in the shape of MLE-Dojo's base feedback (section headers, then details).</summary>
internal static class Feedback
{
    public static string Reset(string competition, EpisodeOptions options) =>
        $"=== Environment Reset ===\nCompetition: {competition}\nSteps allowed: {options.MaxSteps}\n" +
        $"Score mode: {options.ScoreMode.ToString().ToLowerInvariant()}, reward mode: {options.RewardMode.ToString().ToLowerInvariant()}\n" +
        "Write your predictions to submission.csv in the working directory.";

    public static string Info(IReadOnlyDictionary<string, string> info)
    {
        var text = new StringBuilder("=== Requested Information ===\n");
        foreach (var (type, value) in info)
            text.Append("--- ").Append(type).Append(" ---\n").Append(value).Append('\n');
        return text.ToString();
    }

    public static string Validation(ExecutionResult execution, bool producedSubmission)
    {
        var text = new StringBuilder("=== Code Validation Results ===\n");
        AppendExecution(text, execution);
        if (execution.Status == ExecutionStatus.Success)
            text.Append(producedSubmission
                ? "The code produced submission.csv (removed after validation; use execute_code to be scored).\n"
                : "The code ran but did not write submission.csv.\n");
        return text.ToString();
    }

    public static string Execution(ExecutionResult execution)
    {
        var text = new StringBuilder("=== Code Execution Results ===\n");
        AppendExecution(text, execution);
        if (execution.Submission is { } score)
        {
            text.Append("\n=== Submission Evaluation ===\n");
            if (score.Valid)
            {
                text.Append("Submission evaluated successfully.\n")
                    .Append("Raw score: ").Append(Number(score.RawScore)).Append('\n')
                    .Append("Position score: ").Append(Number(score.PositionScore)).Append('\n');
                if (score.Medal is { } medal) text.Append("Medal: ").Append(medal).Append('\n');
            }
            else
                text.Append("Submission error (").Append(score.ErrorType).Append("): ").Append(score.Error).Append('\n');
        }
        return text.ToString();
    }

    public static string History(int entries) => $"=== Action History ===\n{entries} actions recorded.";

    public static string Summary(EpisodeState state) =>
        $"Total Actions: {state.StepsTaken}, Last Action: {(state.History.LastAction is { } last ? EpisodeAction.WireName(last) : "None")}";

    private static void AppendExecution(StringBuilder text, ExecutionResult execution)
    {
        text.Append(execution.Status switch
        {
            ExecutionStatus.Success => "Execution successful.",
            ExecutionStatus.SyntaxError => "Syntax error: the code does not compile.",
            ExecutionStatus.CodeError => $"Execution failed with exit code {execution.ExitCode}{(execution.ErrorClass is { } c ? $" ({c})" : "")}.",
            ExecutionStatus.Timeout => "Execution timed out: the process was killed.",
            ExecutionStatus.ResourceExceeded => $"Execution exceeded a resource limit{(execution.ErrorClass is { } c ? $" ({c})" : "")}.",
            ExecutionStatus.OutOfMemory => "Execution ran out of memory: it was killed at its memory limit.",
            ExecutionStatus.GpuOutOfMemory => "Execution ran out of GPU memory: it went over its GPU memory limit.",
            ExecutionStatus.OutputTooLarge => $"Execution produced too much output{(execution.ErrorClass is { } c ? $" ({c})" : "")}.",
            _ => "Execution could not complete because of an infrastructure problem; retrying may help.",
        }).Append('\n');
        text.Append("Device: ").Append(execution.Device).Append(", duration: ")
            .Append(execution.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(" s\n");
        if (execution.Isolation.StartsWith("UNISOLATED", StringComparison.Ordinal)) text.Append("WARNING: ").Append(execution.Isolation).Append('\n');
        if (execution.Stdout.Length > 0) text.Append("--- stdout ---\n").Append(execution.Stdout).Append('\n');
        if (execution.Stderr.Length > 0) text.Append("--- stderr ---\n").Append(execution.Stderr).Append('\n');
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "n/a";
}
