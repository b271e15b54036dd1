using System.Globalization;
using MLEDojo.Rollouts.Running;
using Spectre.Console;

namespace MLEDojo.Cli.Rollout;

/// <summary>
/// Shows a rollout as it runs: a live Spectre.Console table on a terminal, or a plain line every few seconds when the
/// output is a file or a pipe (so logs stay readable), and a last line either way.
/// </summary>
public sealed class RolloutProgressView(RolloutCounters counters, TextWriter output, TimeSpan plainInterval)
{
    public async Task ShowWhileAsync(Task work, System.Diagnostics.Stopwatch clock)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(Table(counters.Snapshot(clock.Elapsed))).AutoClear(false).StartAsync(async live =>
            {
                while (!work.IsCompleted)
                {
                    await Task.WhenAny(work, Task.Delay(500));
                    live.UpdateTarget(Table(counters.Snapshot(clock.Elapsed)));
                }
            });
        }
        else
        {
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(plainInterval));
                if (!work.IsCompleted) output.WriteLine(Line(counters.Snapshot(clock.Elapsed)));
            }
            output.WriteLine(Line(counters.Snapshot(clock.Elapsed)));
        }
        await work;
    }

    public static string Line(RolloutProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"[{p.Elapsed:hh\\:mm\\:ss}] episodes: {p.Running} running, {p.Done} done, {p.Failed} failed, {p.Pending} queued, {p.Skipped} already finished, {p.Retries} retries | " +
        $"steps {p.Steps} ({p.StepsPerSecond:0.00}/s) | executions {p.Executions}, queue wait mean {p.MeanQueueWait.TotalSeconds:0.0} s, max {p.MaxQueueWait.TotalSeconds:0.0} s");

    private static Table Table(RolloutProgress p)
    {
        var total = Math.Max(1, p.Planned - p.Skipped);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]dojo rollout[/] [grey]{p.Elapsed:hh\\:mm\\:ss}[/]")
            .AddColumn("running").AddColumn("done").AddColumn("failed").AddColumn("queued").AddColumn("retries")
            .AddColumn("steps/s").AddColumn("queue wait (mean / max)").AddColumn("progress");
        var bar = new string('█', (int)(20.0 * (p.Done + p.Failed) / total)).PadRight(20, '░');
        table.AddRow(
            $"[yellow]{p.Running}[/]", $"[green]{p.Done}[/]", p.Failed > 0 ? $"[red]{p.Failed}[/]" : "0", p.Pending.ToString(CultureInfo.InvariantCulture),
            p.Retries.ToString(CultureInfo.InvariantCulture), p.StepsPerSecond.ToString("0.00", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{p.MeanQueueWait.TotalSeconds:0.0} s / {p.MaxQueueWait.TotalSeconds:0.0} s"),
            $"{bar} {p.Done + p.Failed}/{total}" + (p.Skipped > 0 ? $" [grey](+{p.Skipped} earlier)[/]" : ""));
        return table;
    }
}
