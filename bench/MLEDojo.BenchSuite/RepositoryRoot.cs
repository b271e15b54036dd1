namespace MLEDojo.BenchSuite;

/// <summary>
/// The checkout <c>dojo bench</c> runs from (the folder holding MLEDojo.Orleans.sln): figures use its shipped
/// competitions and deploy scripts. Searched upwards from the current folder, then from the binaries' folder.
/// </summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "MLEDojo.Orleans.sln")))
                    return folder.FullName;
        throw new InvalidOperationException(
            $"dojo bench runs from a checkout: no MLEDojo.Orleans.sln above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }

    public static string CompetitionsRoot(string root) => Path.Combine(root, "data", "competitions");
}
