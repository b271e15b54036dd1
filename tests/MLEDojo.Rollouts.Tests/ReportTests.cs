using System.Diagnostics;
using MLEDojo.Rollouts.Planning;
using MLEDojo.Rollouts.Reporting;
using MLEDojo.Rollouts.Tests.Infrastructure;

namespace MLEDojo.Rollouts.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly RunFolder _folder = new();

    /// <summary>Three sample-submission episodes scoring 0.2, 0.4 and 0.95 (gold) by repetition, and one info-only episode (no submission).</summary>
    private async Task<RolloutReport> RolloutAsync()
    {
        double[] scores = [0.2, 0.4, 0.95];
        var target = new FakeTarget { ScoreOf = (id, _) => scores[int.Parse(id.Split(".r")[1].Split('.')[0])] };
        await _folder.RunAsync(target, new RolloutSpec { Agents = ["sample-submission"], Competitions = ["comp-a"], Episodes = 3 });
        await _folder.RunAsync(target, new RolloutSpec { Agents = ["info-only"], Competitions = ["comp-a"], Episodes = 1 });
        return RolloutReport.Load(_folder.Path);
    }

    [Fact]
    public async Task Each_group_gets_the_mean_and_standard_error_of_the_best_position_score_and_medal_rates()
    {
        var report = await RolloutAsync();

        var sample = Assert.Single(report.Groups, g => g.Agent == "sample-submission");
        Assert.Equal(3, sample.Episodes);
        Assert.Equal((0.2 + 0.4 + 0.95) / 3, sample.MeanBestPosition, 12);
        var mean = (0.2 + 0.4 + 0.95) / 3;
        var sd = Math.Sqrt((Math.Pow(0.2 - mean, 2) + Math.Pow(0.4 - mean, 2) + Math.Pow(0.95 - mean, 2)) / 2);
        Assert.Equal(sd / Math.Sqrt(3), sample.SemBestPosition, 12);
        Assert.Equal(1 / 3.0, sample.GoldRate, 12);
        Assert.Equal(1 / 3.0, sample.AnyMedalRate, 12);
        Assert.Equal(1.0, sample.ValidSubmissionRate);
        Assert.Equal(2.0, sample.MeanSteps);
        Assert.Equal([0.0, 0.95], sample.Results.Single(r => r.Medal == "gold").BestAfterStep);

        var info = Assert.Single(report.Groups, g => g.Agent == "info-only");
        Assert.Equal(0.0, info.MeanBestPosition);
        Assert.True(double.IsNaN(info.SemBestPosition));
        Assert.Equal(0.0, info.ValidSubmissionRate);
    }

    [Fact]
    public async Task The_markdown_and_html_reports_say_the_same_numbers_and_the_html_is_self_contained()
    {
        var report = await RolloutAsync();

        var markdown = MarkdownReport.Render(report);
        var html = HtmlReport.Render(report);

        Assert.Contains("| comp-a | sample-submission | 3 | 0.517 ± 0.224 | 33.3% | 0% | 0% | 33.3% | 100% | 2.0 |", markdown);
        Assert.Contains("0.517 ± 0.224", html);
        Assert.Contains("0.000 ± –", html);
        // One overview, then per group a distribution, a medal bar and a best-against-steps chart.
        Assert.Equal(1 + 3 * report.Groups.Count, html.Split("<svg").Length - 1);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public async Task Dojo_report_writes_both_files_and_a_missing_or_empty_folder_is_a_usage_error()
    {
        await RolloutAsync();
        var output = new StringWriter();
        Assert.Equal(0, Cli.DojoCli.Run(["report", _folder.Path], output, new StringWriter()));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "report.md")));
        Assert.True(File.Exists(Path.Combine(_folder.Path, "report.html")));
        Assert.Contains("comp-a", output.ToString());

        var error = new StringWriter();
        var empty = Directory.CreateTempSubdirectory("mledojo-empty-").FullName;
        Assert.Equal(Cli.DojoCli.UsageError, Cli.DojoCli.Run(["report", empty], new StringWriter(), error));
        Assert.Contains("No trajectories.jsonl", error.ToString());
        File.WriteAllText(Path.Combine(empty, "trajectories.jsonl"), "{\"episode_id\": 3}\n");
        Assert.Equal(Cli.DojoCli.UsageError, Cli.DojoCli.Run(["report", empty], new StringWriter(), error));
        Assert.Contains("trajectories.jsonl:1 is not a trajectory step", error.ToString());
        Directory.Delete(empty, recursive: true);
    }

    /// <summary>The report opens in a real browser: headless Chromium (scripts/setup.sh installs it) renders it to a PNG.</summary>
    [Fact]
    public async Task The_html_report_renders_in_headless_chromium()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Assert.True(chromium is not null, "Chromium is missing: run bash scripts/setup.sh (it installs Debian's chromium).");
        await RolloutAsync();
        Assert.Equal(0, Cli.DojoCli.Run(["report", _folder.Path], new StringWriter(), new StringWriter()));
        var png = Path.Combine(_folder.Path, "report.png");

        await ChromiumScreenshot.TakeAsync(chromium!, Path.Combine(_folder.Path, "report.html"), png, 1200, 1400);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(1400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        // A blank page compresses to a few kilobytes; charts and text do not.
        Assert.True(bytes.Length > 40_000, $"the screenshot is {bytes.Length} bytes: the page looks empty");
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>Headless Chromium's --screenshot, with its own profile folder so parallel runs never share one.</summary>
public static class ChromiumScreenshot
{
    public static async Task TakeAsync(string chromium, string html, string png, int width, int height)
    {
        var profile = Directory.CreateTempSubdirectory("mledojo-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(chromium,
                ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", $"--user-data-dir={profile}",
                 $"--window-size={width},{height}", $"--screenshot={png}", new Uri(html).AbsoluteUri])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(File.Exists(png), $"chromium wrote no screenshot (exit {process.ExitCode}): {await stderr}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
