namespace MLEDojo.Execution.Tests;

/// <summary>Looks at processes the code under test started, through /proc.</summary>
internal static class ProcessProbe
{
    /// <summary>False for a process that is gone or a zombie (dead, waiting for a parent to reap it).</summary>
    public static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
        var state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }

    /// <summary>Waits for the code to publish a pid in a file (written whole, by rename).</summary>
    public static async Task<int> ReadPidAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{path} was not written.");
            await Task.Delay(20);
        }
        return int.Parse(await File.ReadAllTextAsync(path));
    }

    public static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
