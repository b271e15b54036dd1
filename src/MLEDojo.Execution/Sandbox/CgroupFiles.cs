using System.Globalization;

namespace MLEDojo.Execution.Sandbox;

/// <summary>Reads and writes cgroup interface files ("value", or "key value" lines).</summary>
internal static class CgroupFiles
{
    public static void Write(string path, string value) => File.WriteAllText(path, value);

    /// <summary>Writes when the file exists (an optional knob, e.g. memory.memsw.limit_in_bytes without swap accounting).</summary>
    public static void WriteIfPresent(string path, string value)
    {
        if (File.Exists(path))
            Write(path, value);
    }

    public static long? ReadNumber(string path) =>
        TryRead(path) is { } text && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The number after <paramref name="key"/> in a "key value" file (memory.events, cpu.stat, ...).</summary>
    public static long? ReadKey(string path, string key)
    {
        foreach (var line in (TryRead(path) ?? "").Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return value;
        }
        return null;
    }

    /// <summary>The pids listed in a cgroup.procs file.</summary>
    public static IReadOnlyList<int> ReadPids(string path) =>
        (TryRead(path) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .ToList();

    public static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes a cgroup directory, retrying while the kernel still counts exiting tasks in it.</summary>
    public static async Task<bool> RemoveAsync(string directory)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                    Directory.Delete(directory); // rmdir: a cgroup's files are not real files and need no deleting
                return true;
            }
            catch (IOException)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }
        return false;
    }
}
