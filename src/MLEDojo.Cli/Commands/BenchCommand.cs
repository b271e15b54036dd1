using System.CommandLine;
using MLEDojo.BenchSuite;

namespace MLEDojo.Cli.Commands;

/// <summary>
/// <c>dojo bench [--quick] [--json FILE] [--only N,N]</c>: the performance suite of docs/BENCHMARKS.md. It prints a
/// table and never fails on a timing: a goal not met is a "no" in the table, not an exit code; a figure that could
/// not run at all exits 1.
/// </summary>
internal static class BenchCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var quick = new Option<bool>("--quick") { Description = "Smoke run: small sizes and short durations (CI runs this; under five minutes in all)." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON to this file." };
        var only = new Option<string?>("--only") { Description = "Run only these figures, e.g. 1,3." };
        var command = new Command("bench", "Measure the grid beside its physical limits, each taken in the same run (use a Release build).") { quick, json, only };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(error, async () =>
        {
            var figures = Select(BenchFigures.All(), parse.GetValue(only));
            var runner = new BenchRunner(error, DojoCommand.OfCurrentProcess());
            var commandLine = "dojo " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            var report = await runner.RunAsync(figures, parse.GetValue(quick), commandLine, cancellationToken);
            output.Write(report.ToMarkdown());
            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, report.ToJson(), cancellationToken);
                output.WriteLine($"wrote {file.FullName}");
            }
            // A goal not met is a measurement; a figure that could not run is a fault of the suite or the machine.
            if (!report.AnyFigureFailed) return 0;
            error.WriteLine("dojo bench: a figure did not run (see its row); the others were measured.");
            return 1;
        }));
        return command;
    }

    private static IReadOnlyList<IBenchFigure> Select(IReadOnlyList<IBenchFigure> figures, string? only)
    {
        try
        {
            return BenchFigures.Select(figures, only);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
