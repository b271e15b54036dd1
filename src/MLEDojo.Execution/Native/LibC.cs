using System.Runtime.InteropServices;

namespace MLEDojo.Execution.Native;

/// <summary>The Linux calls the sandbox needs that .NET does not wrap (64-bit Linux layouts).</summary>
internal static class LibC
{
    public const int SigKill = 9;

    private const int OCloExec = 0x80000;
    private const int FGetFd = 1;
    private const int FSetFd = 2;
    private const int FdCloExec = 1;
    private const short PollIn = 0x1;

    /// <summary>A pipe whose two ends are closed on exec (nothing a child starts inherits them unless told to).</summary>
    public static (int Read, int Write) Pipe()
    {
        var ends = new PipeEnds();
        if (Pipe2(ref ends, OCloExec) != 0)
            throw new IOException($"pipe2 failed (errno {Marshal.GetLastPInvokeError()}).");
        return (ends.Read, ends.Write);
    }

    /// <summary>Whether a child started from now on inherits <paramref name="descriptor"/>.</summary>
    public static void SetInheritable(int descriptor, bool inheritable)
    {
        var flags = Fcntl(descriptor, FGetFd, 0);
        if (flags < 0 || Fcntl(descriptor, FSetFd, inheritable ? flags & ~FdCloExec : flags | FdCloExec) < 0)
            throw new IOException($"fcntl on descriptor {descriptor} failed (errno {Marshal.GetLastPInvokeError()}).");
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for <paramref name="descriptor"/> to be readable or closed at the other end.</summary>
    public static bool WaitReadable(int descriptor, int timeoutMs)
    {
        var entry = new PollEntry { Descriptor = descriptor, Events = PollIn };
        var ready = Poll(ref entry, 1, timeoutMs);
        if (ready < 0 && Marshal.GetLastPInvokeError() != 4 /* EINTR */)
            throw new IOException($"poll failed (errno {Marshal.GetLastPInvokeError()}).");
        return ready > 0;
    }

    /// <summary>Bytes read into <paramref name="buffer"/> from <paramref name="offset"/>; 0 at end of file.</summary>
    public static int Read(int descriptor, byte[] buffer, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(offset, buffer.Length);
        var read = (int)ReadNative(descriptor, ref buffer[offset], buffer.Length - offset);
        if (read < 0)
            throw new IOException($"read failed (errno {Marshal.GetLastPInvokeError()}).");
        return read;
    }

    /// <summary>Writes one byte; false when the reader is gone.</summary>
    public static bool WriteByte(int descriptor) => WriteNative(descriptor, [1], 1) == 1;

    public static void Close(int descriptor) => _ = CloseNative(descriptor);

    public static int Kill(int pid, int signal) => KillNative(pid, signal);

    /// <summary>The user name and primary group of a uid, from the system's user database; null when it has none.</summary>
    public static (string Name, int PrimaryGid)? User(int uid)
    {
        const int EntrySize = 48;
        const int BufferSize = 16384;
        var entry = Marshal.AllocHGlobal(EntrySize);
        var buffer = Marshal.AllocHGlobal(BufferSize);
        try
        {
            if (GetPwUidR((uint)uid, entry, buffer, BufferSize, out var result) != 0 || result == IntPtr.Zero)
                return null;
            // struct passwd: char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ...
            var name = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry, 0));
            var gid = Marshal.ReadInt32(entry, 2 * IntPtr.Size + sizeof(int));
            return name is null ? null : (name, gid);
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
            Marshal.FreeHGlobal(entry);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PipeEnds
    {
        public int Read;
        public int Write;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollEntry
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static extern int Pipe2(ref PipeEnds ends, int flags);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int descriptor, int command, int argument);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollEntry entries, ulong count, int timeoutMs);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadNative(int descriptor, ref byte buffer, nint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint WriteNative(int descriptor, byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int CloseNative(int descriptor);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int KillNative(int pid, int signal);

    [DllImport("libc", EntryPoint = "getpwuid_r", SetLastError = true)]
    private static extern int GetPwUidR(uint uid, IntPtr entry, IntPtr buffer, nuint bufferSize, out IntPtr result);
}
