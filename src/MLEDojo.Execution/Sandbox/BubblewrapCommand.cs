using System.Globalization;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// The bwrap arguments for one run: every namespace unshared (no network, own pids, own mounts), all capabilities
/// dropped, a new session (no terminal injection), killed with its parent. The filesystem is empty but for /usr,
/// a few read-only system files, a private size-capped /tmp and /dev/shm, the competition's public data
/// (read-only) and the episode's output directory (read-write), both at their host paths so that paths the agent
/// was told work unchanged. Nothing else of the host exists inside: not the private answers, other episodes, the
/// silo's files or database, nor /etc/shadow.
/// </summary>
internal sealed class BubblewrapCommand
{
    private readonly List<string> _arguments =
    [
        "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
    ];

    /// <summary>bwrap reports its child's start on this descriptor ("child-pid"), so a sandbox that never started is told apart from code that failed.</summary>
    public BubblewrapCommand ReportStatusTo(int fileDescriptor) => Add("--json-status-fd", fileDescriptor.ToString(CultureInfo.InvariantCulture));

    /// <summary>bwrap's child, the sandbox set up, waits for a byte on this descriptor before it starts the code.</summary>
    public BubblewrapCommand WaitForGate(int fileDescriptor) => Add("--block-fd", fileDescriptor.ToString(CultureInfo.InvariantCulture));

    /// <summary>/usr, and /bin, /lib, /lib64, /sbin as the host has them (symlinks into /usr on a merged-/usr system).</summary>
    public BubblewrapCommand WithSystem(IEnumerable<string> readOnlyPaths)
    {
        Add("--ro-bind", "/usr", "/usr");
        foreach (var top in new[] { "/bin", "/lib", "/lib32", "/lib64", "/sbin" })
        {
            var info = new FileInfo(top);
            if (info.LinkTarget is { } target)
                Add("--symlink", target, top);
            else if (Directory.Exists(top))
                Add("--ro-bind", top, top);
        }
        foreach (var path in readOnlyPaths)
            Add("--ro-bind-try", path, path);
        return Add("--proc", "/proc", "--dev", "/dev");
    }

    public BubblewrapCommand WithPrivateTmp(long bytes)
    {
        var size = bytes.ToString(CultureInfo.InvariantCulture);
        return Add("--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs", "/dev/shm");
    }

    /// <summary>Device nodes passed through as they are (the NVIDIA ones for a GPU run); absent ones are skipped.</summary>
    public BubblewrapCommand WithDevices(IEnumerable<string> devices)
    {
        foreach (var device in devices)
            Add("--dev-bind-try", device, device);
        return this;
    }

    public BubblewrapCommand WithReadOnly(string path) => Add("--ro-bind", path, path);

    public BubblewrapCommand WithWritable(string path) => Add("--bind", path, path);

    public BubblewrapCommand InDirectory(string path) => Add("--chdir", path);

    /// <summary>Only these variables: nothing of the silo's environment is inherited.</summary>
    public BubblewrapCommand WithEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        Add("--clearenv");
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            Add("--setenv", name, value);
        return this;
    }

    /// <summary>The arguments, ending with the command to run inside.</summary>
    /// <remarks>The root (bwrap's own tmpfs) is made read-only last, so the code can write only where a writable mount is.</remarks>
    public IReadOnlyList<string> Build(string program, IEnumerable<string> arguments) =>
        [.. _arguments, "--remount-ro", "/", "--", program, .. arguments];

    private BubblewrapCommand Add(params string[] arguments)
    {
        _arguments.AddRange(arguments);
        return this;
    }
}
