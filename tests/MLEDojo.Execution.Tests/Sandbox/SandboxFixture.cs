using System.Text;
using System.Net;
using System.Net.Sockets;
using MLEDojo.Execution.Sandbox;
using MLEDojo.Execution.Sandbox.Gpu;

namespace MLEDojo.Execution.Tests.Sandbox;

/// <summary>
/// A silo's layout on disk (competition with public and private data, an episode folder, the grid's SQLite file),
/// a listening socket standing in for the silo's ports, and the real sandbox over it with small caps. Runs of the
/// collection are serialized, so after each one none of the processes its runs started may be left on the machine.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string Answer = "id,target\n1,SECRET-ANSWER-7f3a\n";
    public const string DatabaseSecret = "SECRET-DATABASE-91c2";
    public const long MemoryCap = 256L * 1024 * 1024;
    public const long OutputDirectoryCap = 32L * 1024 * 1024;
    public const long StreamCap = 8L * 1024 * 1024;
    public const long TmpCap = 16L * 1024 * 1024;
    public const long GpuMemoryCap = 512L * 1024 * 1024;

    private readonly Scratch _scratch = new();

    public string Root => _scratch.Root;
    public string PublicData => Path.Combine(Root, "competitions", "demo", "data", "public");
    public string PrivateAnswer => Path.Combine(Root, "competitions", "demo", "data", "private", "test_answer.csv");
    public string Database => Path.Combine(Root, "grid.db");
    public TcpListener SiloPort { get; } = new(IPAddress.Loopback, 0);
    public int Port => ((IPEndPoint)SiloPort.LocalEndpoint).Port;
    public SandboxedCodeRunner Runner { get; private set; } = null!;
    /// <summary>A sandbox whose GPU source reports 600 MiB for every 'sleep' process of the sandbox user.</summary>
    public SandboxedCodeRunner GpuRunner { get; private set; } = null!;

    public static readonly ExecutionLimits Limits = Scratch.Limits with
    {
        MaxStreamBytes = StreamCap,
        Output = new OutputCaps { MaxBytesWritten = OutputDirectoryCap, MaxSubmissionBytes = 1024 * 1024, PollInterval = TimeSpan.FromMilliseconds(50) },
    };

    public static readonly SandboxOptions Options = new()
    {
        Limits = new SandboxLimitsPolicy
        {
            Defaults = new SandboxLimits { MemoryBytes = MemoryCap, MaxProcesses = 64, Cpus = 1, TmpBytes = TmpCap, GpuMemoryBytes = GpuMemoryCap },
        },
        GpuPollInterval = TimeSpan.FromMilliseconds(20),
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PublicData);
        File.WriteAllText(Path.Combine(PublicData, "train.csv"), "id,feature\n1,0.5\n");
        Directory.CreateDirectory(Path.GetDirectoryName(PrivateAnswer)!);
        File.WriteAllText(PrivateAnswer, Answer);
        File.WriteAllText(Database, "SQLite format 3\0" + DatabaseSecret);
        SiloPort.Start();
        Runner = Available(await SandboxedCodeRunner.CreateAsync(Limits, Options));
        GpuRunner = Available(await SandboxedCodeRunner.CreateAsync(Limits, Options, new FixtureSleepsHoldGpuMemory(600L * 1024 * 1024, this)));
    }

    /// <summary>A new episode folder (each run gets a clean one).</summary>
    public string NewEpisode()
    {
        var folder = Path.Combine(Root, "episodes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public CodeRunSpec Code(string episode, string source, TimeSpan? timeout = null) => new()
    {
        CodePath = WriteCode(episode, source),
        WorkingDirectory = episode,
        PublicDataDirectory = PublicData,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        Competition = "demo",
    };

    private static string WriteCode(string episode, string source)
    {
        var path = Path.Combine(episode, "step_1.py");
        File.WriteAllText(path, source);
        return path;
    }

    /// <summary>
    /// Live processes of the sandbox user that this fixture's runs started: those whose command line, environment or
    /// working directory names the fixture's scratch root (bwrap's own binds, the code's HOME and DOJO_* variables,
    /// its episode folder). Other test assemblies sandbox code as the same user at the same time, so "any process of
    /// the user" would count their runs as ours.
    /// </summary>
    public IReadOnlyList<int> OwnProcesses() => ProcessesOf(Options.Uid, Root);

    /// <summary>
    /// <see cref="OwnProcesses"/> once those already killed have finished exiting: a killed process leaves its
    /// cgroup at the start of its exit, and tearing down a large address space takes the kernel a moment more.
    /// </summary>
    public async Task<IReadOnlyList<int>> OwnProcessesAfterExitAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(2);
        var left = OwnProcesses();
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            left = OwnProcesses();
        }
        return left;
    }

    private static IReadOnlyList<int> ProcessesOf(int uid, string root) => Directory.EnumerateDirectories("/proc")
        .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
        .Where(pid => pid > 0 && UidOf(pid) == uid && ProcessProbe.IsAlive(pid) && Mentions(pid, root))
        .ToList();

    private static bool Mentions(int pid, string root)
    {
        var marker = Encoding.UTF8.GetBytes(root);
        return Contains(TryReadBytes($"/proc/{pid}/cmdline"), marker)
            || Contains(TryReadBytes($"/proc/{pid}/environ"), marker)
            || TryReadLink($"/proc/{pid}/cwd")?.StartsWith(root, StringComparison.Ordinal) == true;
    }

    private static bool Contains(byte[]? haystack, byte[] needle) => haystack is not null && haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[]? TryReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? TryReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? UidOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            return line is null ? null : int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static SandboxedCodeRunner Available(SandboxSetup setup) =>
        setup.Runner ?? throw new InvalidOperationException("The sandbox is unavailable here: " + string.Join(" ", setup.Problems));

    public Task DisposeAsync()
    {
        SiloPort.Stop();
        _scratch.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stands in for NVML: every 'sleep' process of this fixture's runs holds <paramref name="bytesEach"/> on any device
    /// (a test script execs sleep once it has printed what it must, as a CUDA program would allocate after start).
    /// </summary>
    private sealed class FixtureSleepsHoldGpuMemory(long bytesEach, SandboxFixture fixture) : IGpuProcessSource
    {
        public IReadOnlyList<GpuProcessMemory> RunningProcesses(int deviceIndex) => fixture.OwnProcesses()
            .Where(pid => CommandOf(pid) == "sleep")
            .Select(pid => new GpuProcessMemory(pid, bytesEach)).ToList();

        private static string? CommandOf(int pid)
        {
            try
            {
                return File.ReadAllText($"/proc/{pid}/comm").Trim();
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "Sandbox";
}
