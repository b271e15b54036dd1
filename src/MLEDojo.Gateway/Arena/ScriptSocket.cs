using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MLEDojo.Gateway.Arena;

/// <summary>
/// The gateway's Unix socket for agent scripts: sandboxed scripts have no network, so the silo binds this socket
/// (only it) into their sandbox. Each silo has its own path; the socket is open to every local user (connecting to a
/// Unix socket needs write permission on it, and the sandbox runs as an unprivileged user): it serves the same
/// authenticated API as the TCP port.
/// </summary>
public static class ScriptSocket
{
    private const string KestrelPrefix = "http://unix:";

    /// <summary>Listens on <paramref name="path"/>, replacing a socket a crashed process left there.</summary>
    public static void Listen(KestrelServerOptions kestrel, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (File.Exists(full)) File.Delete(full);
        kestrel.ListenUnixSocket(full);
    }

    /// <summary>
    /// The socket among Kestrel's addresses (it reports one as http://unix:/path), made connectable for the sandbox
    /// user; null when the gateway listens on none.
    /// </summary>
    public static string? PathOf(IEnumerable<string> addresses)
    {
        var address = addresses.FirstOrDefault(a => a.StartsWith(KestrelPrefix, StringComparison.OrdinalIgnoreCase));
        if (address is null) return null;
        var path = address[KestrelPrefix.Length..];
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            const UnixFileMode everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if (File.GetUnixFileMode(path) != everyone) File.SetUnixFileMode(path, everyone);
        }
        return path;
    }
}
