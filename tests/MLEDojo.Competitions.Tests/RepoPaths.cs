namespace MLEDojo.Competitions.Tests;

/// <summary>Locates the repository's shipped data from the test binaries' folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string CompetitionsRoot => Path.Combine(Root, "data", "competitions");

    public static string ReferenceRoot => Path.Combine(Root, "tests", "fixtures", "reference");

    public static string Competition(string name) => Path.Combine(CompetitionsRoot, name);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "MLEDojo.Orleans.sln")))
                return folder.FullName;
        throw new InvalidOperationException("Repository root (MLEDojo.Orleans.sln) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A scratch folder deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mledojo-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
