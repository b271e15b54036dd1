using System.Globalization;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// The command line that starts a sandbox: a shell (as root) sets the per-file size, open-file and core-dump limits,
/// opens bwrap's status file as descriptor 3 and moves itself into the run's cgroups, so everything it becomes and
/// starts is inside them from the first instruction; then it execs setpriv (drops to the unprivileged sandbox uid,
/// no supplementary groups) and bwrap. Each exec costs a few milliseconds, hence the shell's own ulimit. Running bwrap as an unprivileged host user matters: a root-run bwrap
/// leaves the code with host uid 0 for permission checks.
/// </summary>
internal static class SandboxLaunchChain
{
    /// <summary>Exit code of the shell when it could not open the status file or join a cgroup.</summary>
    public const int JoinFailedExitCode = 125;

    private const string JoinScript = """
        ulimit -f "$1" && ulimit -n "$2" && ulimit -c 0 || exit 125
        status=$3; shift 3
        exec 3>"$status" || exit 125
        for procs do
          shift
          [ "$procs" = "--" ] && break
          echo $$ > "$procs" || { echo "dojo-sandbox: could not join cgroup $procs" >&2; exit 125; }
        done
        exec "$@"
        """;

    public static (string FileName, IReadOnlyList<string> Arguments) For(SandboxOptions options, string statusFile,
        IReadOnlyList<string> procsFiles, SandboxLimits limits, long maxFileBytes, IReadOnlyList<string> bubblewrapArguments)
    {
        // The shell's ulimit -f counts 512-byte blocks.
        var fileBlocks = (maxFileBytes + 511) / 512;
        List<string> arguments = ["-c", JoinScript, "dojo-sandbox", fileBlocks.ToString(CultureInfo.InvariantCulture),
            limits.OpenFiles.ToString(CultureInfo.InvariantCulture), statusFile, .. procsFiles, "--"];
        arguments.AddRange([
            options.Setpriv,
            $"--reuid={options.Uid.ToString(CultureInfo.InvariantCulture)}",
            $"--regid={options.Gid.ToString(CultureInfo.InvariantCulture)}",
            "--clear-groups", "--",
            options.Bubblewrap,
        ]);
        arguments.AddRange(bubblewrapArguments);
        return (options.Shell, arguments);
    }
}
