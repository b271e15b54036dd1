using System.Text;
using MLEDojo.Execution.Native;

namespace MLEDojo.Execution;

/// <summary>
/// An environment entry unique to one run. Every process the run starts inherits it (children, setsid'd and
/// double-forked daemons included), so /proc/&lt;pid&gt;/environ finds them after their parent is gone, when the
/// process tree no longer does. Code that deliberately drops the variable before exec escapes this; the sandbox
/// (cgroups) closes that gap.
/// </summary>
internal sealed class RunMarker : IProcessTree
{
    public const string VariableName = "DOJO_RUN_ID";

    private static readonly TimeSpan PauseBetweenSweeps = TimeSpan.FromMilliseconds(20);

    private readonly byte[] _entry;

    public RunMarker()
    {
        Value = Guid.NewGuid().ToString("N");
        _entry = Encoding.ASCII.GetBytes($"{VariableName}={Value}");
    }

    public string Value { get; }

    public IReadOnlyDictionary<string, string> MarkerVariables => new Dictionary<string, string> { [VariableName] = Value };

    /// <summary>Live processes whose environment carries this marker. Zombies have an empty environ and do not count.</summary>
    public IReadOnlyList<int> FindProcesses()
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            byte[] environ;
            try
            {
                environ = File.ReadAllBytes(Path.Combine(directory, "environ"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited while we looked, or not ours to read (another user's process cannot carry our marker).
                continue;
            }
            if (ContainsEntry(environ))
                found.Add(pid);
        }
        return found;
    }

    /// <summary>
    /// SIGKILLs every marked process, sweeping again until a sweep finds none, because a process may fork between
    /// a sweep and its kill. Returns the processes still alive after <paramref name="maxSweeps"/>.
    /// </summary>
    public Task<IReadOnlyList<int>> KillAllAsync() => KillAllAsync(maxSweeps: 50);

    private async Task<IReadOnlyList<int>> KillAllAsync(int maxSweeps)
    {
        IReadOnlyList<int> remaining = FindProcesses();
        for (var sweep = 0; sweep < maxSweeps && remaining.Count > 0; sweep++)
        {
            foreach (var pid in remaining)
                _ = LibC.Kill(pid, LibC.SigKill);
            await Task.Delay(PauseBetweenSweeps).ConfigureAwait(false);
            remaining = FindProcesses();
        }
        return remaining;
    }

    private bool ContainsEntry(ReadOnlySpan<byte> environ)
    {
        // environ is NUL-separated NAME=value entries; match a whole entry, not a substring of another.
        foreach (var range in environ.Split((byte)0))
        {
            if (environ[range].SequenceEqual(_entry))
                return true;
        }
        return false;
    }
}
