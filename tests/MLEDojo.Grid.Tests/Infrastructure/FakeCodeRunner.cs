using System.Collections.Concurrent;
using MLEDojo.Execution;

namespace MLEDojo.Grid.Tests.Infrastructure;

/// <summary>
/// Runs tiny "programs" instead of Python, so grid tests are fast and deterministic. Each line is a directive:
/// <c>#copy FILE</c> copies tests/fixtures/reference/&lt;competition&gt;/submissions/FILE to submission.csv in the
/// working directory (the competition is read from the public data path); <c>#sleep MS</c>; <c>#fail CLASS</c>
/// exits 1 with that exception class; <c>#syntax-error</c> fails the syntax check. Every run is recorded.
/// </summary>
public sealed class FakeCodeRunner : ICodeRunner
{
    private readonly ConcurrentQueue<RunRecord> _runs = new();

    public IReadOnlyList<RunRecord> Runs => _runs.ToArray();

    public IReadOnlyList<RunRecord> RunsIn(string episodeId) =>
        _runs.Where(r => Path.GetFileName(r.Spec.WorkingDirectory) == episodeId).ToArray();

    public Task<CodeRunOutcome> CheckSyntaxAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var syntaxError = File.ReadAllText(spec.CodePath).Contains("#syntax-error", StringComparison.Ordinal);
        return Task.FromResult(new CodeRunOutcome
        {
            Status = syntaxError ? CodeRunStatus.SyntaxError : CodeRunStatus.Success,
            ExitCode = syntaxError ? 1 : 0,
            Stderr = syntaxError ? "SyntaxError: invalid syntax" : "",
            ErrorClass = syntaxError ? "SyntaxError" : null,
            StartedAt = now,
            FinishedAt = now,
        });
    }

    public async Task<CodeRunOutcome> RunAsync(CodeRunSpec spec, CancellationToken cancellationToken)
    {
        // As Python does: code that does not compile never runs, and the run says so.
        if (await CheckSyntaxAsync(spec, cancellationToken) is { Status: CodeRunStatus.SyntaxError } syntaxError)
            return syntaxError;
        var started = DateTimeOffset.UtcNow;
        var stdout = new List<string>();
        string? failure = null;
        foreach (var line in await File.ReadAllLinesAsync(spec.CodePath, cancellationToken))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            switch (parts[0])
            {
                case "#copy":
                    var competition = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(spec.PublicDataDirectory)))!;
                    File.Copy(RepoPaths.ReferenceSubmission(competition, parts[1]), Path.Combine(spec.WorkingDirectory, "submission.csv"), overwrite: true);
                    stdout.Add($"copied {parts[1]}");
                    break;
                case "#sleep":
                    await Task.Delay(int.Parse(parts[1]), cancellationToken);
                    break;
                case "#fail":
                    failure = parts[1];
                    break;
            }
            if (failure is not null) break;
        }
        var finished = DateTimeOffset.UtcNow;
        _runs.Enqueue(new RunRecord(spec, started, finished));
        return new CodeRunOutcome
        {
            Status = failure is null ? CodeRunStatus.Success : CodeRunStatus.CodeError,
            ExitCode = failure is null ? 0 : 1,
            Stdout = string.Join("\n", stdout),
            Stderr = failure is null ? "" : $"Traceback (most recent call last):\n{failure}: raised by the test program",
            ErrorClass = failure,
            Duration = finished - started,
            StartedAt = started,
            FinishedAt = finished,
        };
    }
}

public sealed record RunRecord(CodeRunSpec Spec, DateTimeOffset Started, DateTimeOffset Finished);
