using System.Runtime.InteropServices;

namespace MLEDojo.Execution.Sandbox;

/// <summary>
/// Host paths bwrap must reach. bwrap runs as the unprivileged sandbox user, so every folder above a bound path
/// must let "others" through (o+x); the output directory is handed to the sandbox user so the code can write there.
/// </summary>
internal static class SandboxPaths
{
    /// <summary>Why the sandbox user cannot reach <paramref name="path"/>, or null.</summary>
    public static string? Unreachable(string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute))
                return $"The sandbox user cannot reach '{path}': folder '{folder}' is not traversable by others (chmod o+x '{folder}', or move the data elsewhere).";
        }
        return null;
    }

    /// <summary>Gives the output directory to the sandbox user (the silo, as root, still reads and writes it).</summary>
    public static void HandOver(string directory, int uid, int gid)
    {
        if (Chown(directory, uid, gid) != 0)
            throw new RefusedRun($"Could not hand '{directory}' to the sandbox user {uid}:{gid} (chown failed, errno {Marshal.GetLastPInvokeError()}); the silo must run as root.");
    }

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int uid, int gid);
}
