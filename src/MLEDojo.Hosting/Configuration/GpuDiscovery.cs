using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MLEDojo.Hosting.Configuration;

/// <summary>
/// Turns devices.gpus into GPU indices: "none"; "fake:N" (indices 0..N−1, for machines without GPUs: the code
/// runs on CPU with CUDA_VISIBLE_DEVICES set); "auto" (nvidia-smi -L, none when it is absent or fails); or a
/// list "0,1,3".
/// </summary>
public static partial class GpuDiscovery
{
    public static string? Problem(string gpus)
    {
        if (gpus is "auto" or "none") return null;
        if (gpus.StartsWith("fake:", StringComparison.Ordinal))
            return int.TryParse(gpus.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64
                ? null : $"'{gpus}': fake:N needs N between 1 and 64.";
        return ParseList(gpus) is null
            ? $"'{gpus}' is not \"auto\", \"none\", \"fake:N\" or a list of GPU indices (e.g. [0, 1] or \"0,1\")."
            : null;
    }

    public static IReadOnlyList<int> Resolve(string gpus) => gpus switch
    {
        "none" => [],
        "auto" => FromNvidiaSmi(),
        _ when gpus.StartsWith("fake:", StringComparison.Ordinal) =>
            Enumerable.Range(0, int.Parse(gpus.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture)).ToArray(),
        _ => ParseList(gpus) ?? throw new ArgumentException(Problem(gpus), nameof(gpus)),
    };

    private static int[]? ParseList(string gpus)
    {
        var parts = gpus.Split(',', StringSplitOptions.TrimEntries);
        var indices = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out indices[i])) return null;
        return indices.Distinct().Count() == indices.Length ? indices : null;
    }

    // Runs once at silo start (configuration time, not in a grain).
    private static int[] FromNvidiaSmi()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "-L")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return [];
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)) || process.ExitCode != 0) return [];
            return GpuLine().Matches(output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return []; // nvidia-smi is not installed: a machine without GPUs.
        }
    }

    [GeneratedRegex(@"^GPU (\d+):", RegexOptions.Multiline)]
    private static partial Regex GpuLine();
}
