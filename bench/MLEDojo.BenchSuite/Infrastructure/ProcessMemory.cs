namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>Reads the kernel's accounting of this process's resident memory (Linux /proc).</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM), in bytes.</summary>
    public static long PeakResidentBytes() => Read("VmHWM:");

    public static long ResidentBytes() => Read("VmRSS:");

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
        throw new InvalidOperationException($"{field} not found in /proc/self/status");
    }
}
