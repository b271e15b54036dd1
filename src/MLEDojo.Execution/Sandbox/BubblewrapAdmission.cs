using System.Globalization;
using System.Text;
using MLEDojo.Execution.Native;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// How a bwrap started by the silo as the sandbox user is put into the run's cgroups before any of the code runs.
/// bwrap gets two pipes: it reports its namespace child's pid on one (<c>--json-status-fd</c>) right after creating
/// it, and that child waits on the other (<c>--block-fd</c>) after setting up the sandbox and before starting the
/// code. Meanwhile the silo checks bwrap's credentials and writes both pids into every cgroup.procs, then lets the
/// child go on. Everything the code becomes and starts is inside the cgroups from its first instruction, and no
/// process of the chain needs root to get there (it took a root shell and setpriv before: each exec costs
/// milliseconds on small VMs).
/// </summary>
internal sealed class BubblewrapAdmission : IProcessAdmission, IDisposable
{
    /// <summary>How long bwrap may take to create its namespace child (it parses its arguments and clones: milliseconds).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const string ChildPidKey = "\"child-pid\":";
    private readonly IReadOnlyList<string> _procsFiles;
    private readonly int _uid;
    private readonly int _gid;
    private int _statusRead = -1;
    private int _statusWrite = -1;
    private int _gateRead = -1;
    private int _gateWrite = -1;

    public BubblewrapAdmission(IReadOnlyList<string> procsFiles, int uid, int gid)
    {
        _procsFiles = procsFiles;
        _uid = uid;
        _gid = gid;
        (_statusRead, _statusWrite) = LibC.Pipe();
        try
        {
            (_gateRead, _gateWrite) = LibC.Pipe();
        }
        catch
        {
            CloseAll();
            throw;
        }
    }

    /// <summary>The descriptor bwrap writes its status to (<c>--json-status-fd</c>): the same number in the child.</summary>
    public int StatusDescriptor => _statusWrite;

    /// <summary>The descriptor bwrap's child waits on (<c>--block-fd</c>).</summary>
    public int GateDescriptor => _gateRead;

    /// <summary>Whether <see cref="AdmitAsync"/> let the process go on (so a failure after it is the code's, not the sandbox's).</summary>
    public bool Admitted { get; private set; }

    /// <summary>bwrap's namespace child, once reported.</summary>
    private int? ChildPid { get; set; }

    public void BeforeStart()
    {
        LibC.SetInheritable(_statusWrite, true);
        LibC.SetInheritable(_gateRead, true);
    }

    /// <summary>The child has its copies now; the silo's would keep the status pipe open after bwrap is gone.</summary>
    public void AfterStart()
    {
        Close(ref _statusWrite);
        Close(ref _gateRead);
    }

    public async Task AdmitAsync(int processId, CancellationToken cancellationToken)
    {
        try
        {
            var child = await Task.Run(() => WaitForChild(processId, cancellationToken), cancellationToken).ConfigureAwait(false);
            ChildPid = child;
            CheckCredentials(processId);
            foreach (var procs in _procsFiles)
            {
                CgroupFiles.Write(procs, processId.ToString(CultureInfo.InvariantCulture));
                CgroupFiles.Write(procs, child.ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ProcessNotAdmitted)
        {
            KillStarted(processId);
            throw e as ProcessNotAdmitted ?? new ProcessNotAdmitted($"The sandbox could not be set up around bwrap (pid {processId}): {e.Message}");
        }
        catch (OperationCanceledException)
        {
            KillStarted(processId);
            throw;
        }
        // A child that died meanwhile makes this write fail; its exit is seen like any other.
        LibC.WriteByte(_gateWrite);
        Close(ref _gateWrite);
        Admitted = true;
    }

    /// <summary>Reads bwrap's status until it names its child; fails if bwrap ends or stalls first.</summary>
    private int WaitForChild(int processId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (LibC.WaitReadable(_statusRead, 20))
            {
                var read = length < buffer.Length ? LibC.Read(_statusRead, buffer, length) : 0;
                if (read == 0)
                    throw new ProcessNotAdmitted($"bwrap (pid {processId}) ended before it started the sandbox.");
                length += read;
                if (ChildPidIn(Encoding.UTF8.GetString(buffer, 0, length)) is { } child)
                    return child;
            }
            else if (!ProcessState.IsRunning(processId))
            {
                throw new ProcessNotAdmitted($"bwrap (pid {processId}) ended before it started the sandbox.");
            }
            else if (DateTime.UtcNow > deadline)
            {
                throw new ProcessNotAdmitted($"bwrap (pid {processId}) did not start the sandbox within {StartTimeout.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>The pid in bwrap's first status line (<c>{ "child-pid": 123, ...</c>), once it is whole.</summary>
    internal static int? ChildPidIn(string status)
    {
        var key = status.IndexOf(ChildPidKey, StringComparison.Ordinal);
        if (key < 0)
            return null;
        var digits = status.AsSpan(key + ChildPidKey.Length).TrimStart(' ');
        var end = 0;
        while (end < digits.Length && char.IsAsciiDigit(digits[end]))
            end++;
        // The number is whole only once something follows it.
        if (end == 0 || end == digits.Length)
            return null;
        return int.TryParse(digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
    }

    /// <summary>bwrap must run as exactly the sandbox user: its uid, its group, no supplementary group.</summary>
    private void CheckCredentials(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        var uids = Ids(status, "Uid:");
        var gids = Ids(status, "Gid:");
        var groups = Ids(status, "Groups:");
        if (uids.Any(id => id != _uid) || gids.Any(id => id != _gid) || groups.Any(id => id != _gid))
            throw new ProcessNotAdmitted($"bwrap runs as uid {string.Join('/', uids)}, gid {string.Join('/', gids)}, groups [{string.Join(' ', groups)}]; "
                + $"the sandbox user must be uid {_uid} with primary group {_gid} and no other group.");
    }

    private static IReadOnlyList<int> Ids(string[] status, string key) =>
        (status.FirstOrDefault(line => line.StartsWith(key, StringComparison.Ordinal)) ?? key)[key.Length..]
            .Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(id => int.Parse(id, CultureInfo.InvariantCulture))
            .ToList();

    private void KillStarted(int processId)
    {
        // The child dies with bwrap (--die-with-parent), but it is not in the cgroup yet: kill it by pid too.
        if (ChildPid is { } child)
            LibC.Kill(child, LibC.SigKill);
        LibC.Kill(processId, LibC.SigKill);
    }

    /// <summary>The status pipe stays open for the whole run: bwrap writes the exit code to it as it ends.</summary>
    public void Dispose() => CloseAll();

    private void CloseAll()
    {
        Close(ref _statusRead);
        Close(ref _statusWrite);
        Close(ref _gateRead);
        Close(ref _gateWrite);
    }

    private static void Close(ref int descriptor)
    {
        if (descriptor >= 0)
            LibC.Close(descriptor);
        descriptor = -1;
    }
}
