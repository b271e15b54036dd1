using System.Net;
using System.Net.Sockets;

namespace MLEDojo.BenchSuite.Infrastructure;

/// <summary>Where the suite finds the repository's shipped competitions and its own files, and free ports.</summary>
public static class BenchPaths
{
    /// <summary>The repository root: the first folder holding silo.config.json above this build or the working directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "silo.config.json")) && Directory.Exists(Path.Combine(folder.FullName, "data", "competitions")))
                    return folder.FullName;
        throw new InvalidOperationException("Run dojo bench from inside the repository: its data/competitions holds the competitions the figures play.");
    }

    public static string CompetitionsRoot() => Path.Combine(RepositoryRoot(), "data", "competitions");

    /// <summary>A script copied beside this assembly (python_score.py).</summary>
    public static string BesideAssembly(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{fileName} is missing beside the build ({AppContext.BaseDirectory}); rebuild.", path);
    }

    /// <summary>A port nobody listens on now: every silo and gateway the suite starts binds ports of its own.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
