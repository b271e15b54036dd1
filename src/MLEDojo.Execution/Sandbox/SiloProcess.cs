using System.Globalization;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// Names a silo process as "&lt;pid&gt;-&lt;start time&gt;": unique for the machine's uptime (a reused pid has another
/// start time), and checkable, so a later silo can tell the cgroups of a crashed one from those of a live one.
/// </summary>
internal static class SiloProcess
{
    public static string Current { get; } = NameOf(Environment.ProcessId) ?? $"{Environment.ProcessId}-0";

    /// <summary>True when the process an owner name describes is still running.</summary>
    public static bool IsAlive(string owner)
    {
        var dash = owner.IndexOf('-');
        return dash > 0 && int.TryParse(owner[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && NameOf(pid) == owner;
    }

    private static string? NameOf(int pid)
    {
        var stat = CgroupFiles.TryRead($"/proc/{pid}/stat");
        if (stat is null)
            return null;
        // "pid (comm) state ppid ..."; comm may hold spaces and parentheses. starttime is field 22, so the 20th after comm.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 ? $"{pid}-{fields[19]}" : null;
    }
}
