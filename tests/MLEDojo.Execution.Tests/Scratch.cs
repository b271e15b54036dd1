using MLEDojo.Execution;

namespace MLEDojo.Execution.Tests;

/// <summary>A throwaway working directory and public data directory for one run.</summary>
internal sealed class Scratch : IDisposable
{
    /// <summary>Debian's interpreter; the python3 first on PATH here is another one.</summary>
    public static readonly ExecutionLimits Limits = new() { Python = "/usr/bin/python3" };

    private readonly string _root = Directory.CreateTempSubdirectory("dojo-exec-").FullName;

    public Scratch()
    {
        // Traversable by others: the sandbox starts bubblewrap as an unprivileged user, who must reach the binds.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_root, Traversable);
        Directory.CreateDirectory(WorkingDirectory);
        Directory.CreateDirectory(DataDirectory);
    }

    public const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public string Root => _root;

    public string WorkingDirectory => Path.Combine(_root, "work");
    public string DataDirectory => Path.Combine(_root, "public");

    public string InWork(string name) => Path.Combine(WorkingDirectory, name);

    /// <summary>Writes main.py into the working directory and returns a spec that runs it.</summary>
    public CodeRunSpec Code(string source, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        File.WriteAllText(InWork("main.py"), source);
        return new CodeRunSpec
        {
            CodePath = "main.py",
            WorkingDirectory = WorkingDirectory,
            PublicDataDirectory = DataDirectory,
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
            Environment = environment ?? new Dictionary<string, string>(),
        };
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A test that failed may have left a writer behind; the temp directory is not worth failing over.
        }
    }
}
