using System.Globalization;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// The command line that starts a sandbox: a shell, already running as the unprivileged sandbox user (the silo starts
/// it by that user's name), lowers its own per-file size, open-file and core-dump limits and execs bwrap, which
/// inherits them, as does everything it starts. Root could set them from outside with prlimit only with
/// CAP_SYS_RESOURCE, which containers often drop; lowering one's own limits needs nothing. The cgroups are joined
/// from outside instead (<see cref="BubblewrapAdmission"/>). Running bwrap as an unprivileged host user matters: a
/// root-run bwrap leaves the code with host uid 0 for permission checks.
/// </summary>
internal static class SandboxLaunchChain
{
    private const string LimitScript = """
        ulimit -f "$1" && ulimit -n "$2" && ulimit -c 0 || exit 125
        shift 2
        exec "$@"
        """;

    public static (string FileName, IReadOnlyList<string> Arguments) For(SandboxOptions options, SandboxLimits limits, long maxFileBytes,
        IReadOnlyList<string> bubblewrapArguments)
    {
        // The shell's ulimit -f counts 512-byte blocks.
        var fileBlocks = (maxFileBytes + 511) / 512;
        List<string> arguments = ["-c", LimitScript, "dojo-sandbox", fileBlocks.ToString(CultureInfo.InvariantCulture),
            limits.OpenFiles.ToString(CultureInfo.InvariantCulture), options.Bubblewrap];
        arguments.AddRange(bubblewrapArguments);
        return (options.Shell, arguments);
    }
}
