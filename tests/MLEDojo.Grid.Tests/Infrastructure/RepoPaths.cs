namespace MLEDojo.Grid.Tests.Infrastructure;

/// <summary>Locates the repository (the folder holding MLEDojo.Orleans.sln) from the test binaries' folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string CompetitionsRoot => Path.Combine(Root, "data", "competitions");

    public static string ReferenceRoot => Path.Combine(Root, "tests", "fixtures", "reference");

    public static string ReferenceSubmission(string competition, string file) =>
        Path.Combine(ReferenceRoot, competition, "submissions", file);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "MLEDojo.Orleans.sln")))
                return folder.FullName;
        throw new InvalidOperationException("Repository root (MLEDojo.Orleans.sln) not found above " + AppContext.BaseDirectory);
    }
}
