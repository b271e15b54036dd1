namespace MLEDojo.Execution;

/// <summary>What /proc says of a process.</summary>
internal static class ProcessState
{
    /// <summary>False once the process has exited (a zombie not yet reaped counts as exited) or never existed.</summary>
    public static bool IsRunning(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        // "pid (comm) S ...": comm may hold spaces and parentheses; the state follows the last ')'.
        var close = stat.LastIndexOf(')');
        return close < 0 || close + 2 >= stat.Length || stat[close + 2] is not ('Z' or 'X');
    }
}
