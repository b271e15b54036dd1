using System.Diagnostics;
using MLEDojo.Abstractions.Arena;
using MLEDojo.Arena.Leaderboards;
using MLEDojo.Grid.Tests.Infrastructure;

namespace MLEDojo.Arena.Tests;

public sealed class LeaderboardPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 21, 0, 0, TimeSpan.Zero);

    /// <summary>A board like the lite set's after a few submissions: real shapes, made-up scores.</summary>
    public static Leaderboard Sample()
    {
        BoardEntry Entry(string id, string owner, string name, string[] tags, params (string C, double S, string? M)[] episodes) => new()
        {
            SubmissionId = id, Owner = owner, Name = name, Tags = tags, ActiveSince = Now,
            Episodes = episodes.Select(e => new BoardEpisode { Competition = e.C, BestPositionScore = e.S, Medal = e.M }).ToArray(),
        };
        var entries = new[]
        {
            Entry("sub-3f9a1c22d0e14b7a", "alice", "scripted baseline", ["baseline"], ("spaceship-titanic", 0.987, "silver"), ("spaceship-titanic", 0.962, "bronze"), ("spaceship-titanic", 0.991, "gold")),
            Entry("sub-8b20e6f1a9c34d55", "bob", "qwen2.5-coder <llm>", ["llm", "7b"], ("spaceship-titanic", 0.93, null), ("spaceship-titanic", 0.71, null), ("spaceship-titanic", 0.88, "bronze")),
            Entry("sub-c41d7e09b2f84a10", "carol", "sample submission", ["baseline"], ("spaceship-titanic", 0.262, null), ("spaceship-titanic", 0.262, null)),
            Entry("sub-0aa9d3c5e7f21b66", "dave", "info only", [], ("spaceship-titanic", 0.0, null)),
        };
        return ArenaLeaderboard.ForCompetition(entries, "spaceship-titanic", new BoardFilter(), Now);
    }

    [Fact]
    public void The_page_is_self_contained_and_escapes_what_users_wrote()
    {
        var html = LeaderboardPage.Render(Sample(), ["set lite"]);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("qwen2.5-coder &lt;llm&gt;", html);
        Assert.Contains("0.980</b> <span class=\"ci\">± ", html);
        Assert.Equal(4, html.Split("<tr>").Length - 2);
        Assert.Contains("No active submission here yet.", LeaderboardPage.Render(ArenaLeaderboard.ForCompetition([], "x", new BoardFilter(), Now), []));
    }

    /// <summary>Renders the page in headless Chromium (scripts/setup.sh installs it) and checks a real screenshot came out.</summary>
    [Fact]
    public async Task The_page_renders_in_headless_chromium()
    {
        var folder = Directory.CreateTempSubdirectory("mledojo-arena-page-").FullName;
        try
        {
            var page = Path.Combine(folder, "leaderboard.html");
            var png = Path.Combine(folder, "leaderboard.png");
            await File.WriteAllTextAsync(page, LeaderboardPage.Render(Sample(), ["set lite"]));
            var start = new ProcessStartInfo("chromium")
            {
                ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--user-data-dir={Path.Combine(folder, "profile")}",
                                 "--window-size=1200,560", $"--screenshot={png}", new Uri(page).AbsoluteUri },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var chromium = Process.Start(start)!;
            var stderr = chromium.StandardError.ReadToEndAsync();
            await chromium.StandardOutput.ReadToEndAsync();
            await chromium.WaitForExitAsync();
            Assert.True(File.Exists(png), "chromium wrote no screenshot: " + await stderr);
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            // Width and height from the IHDR chunk: the window size asked for.
            Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.True(bytes.Length > 20_000, $"a {bytes.Length}-byte screenshot is too small to hold the table");
            var keep = Environment.GetEnvironmentVariable("ARENA_SCREENSHOT");
            if (!string.IsNullOrEmpty(keep)) File.Copy(png, Path.Combine(RepoPaths.Root, keep), overwrite: true);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
