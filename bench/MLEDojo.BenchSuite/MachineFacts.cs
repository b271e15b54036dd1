using System.Runtime.InteropServices;

namespace MLEDojo.BenchSuite;

/// <summary>The machine a run was taken on, so that a figure can be read next to the conditions that produced it.</summary>
public sealed record MachineFacts(
    string OperatingSystem,
    string Runtime,
    int ProcessorCount,
    string? CpuModel,
    long? MemoryBytes,
    double? LoadAverageAtStart)
{
    public static MachineFacts Capture() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        Environment.ProcessorCount,
        ReadCpuModel(),
        ReadMemoryBytes(),
        ReadLoadAverage());

    /// <summary>The one-minute load average, or null off Linux.</summary>
    public static double? ReadLoadAverage()
    {
        var text = TryRead("/proc/loadavg");
        return text is not null && double.TryParse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    private static string? ReadCpuModel() => TryRead("/proc/cpuinfo")?
        .Split('\n')
        .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?
        .Split(':', 2)[1].Trim();

    private static long? ReadMemoryBytes()
    {
        var line = TryRead("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return long.TryParse(kilobytes, out var kb) ? kb * 1024 : null;
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
