using System.Text.RegularExpressions;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Competitions.Import;

/// <summary>
/// Puts a prepared competition under a competitions root: checks it as scoring needs it (layout, spec, answers,
/// leaderboards), refuses links anywhere in it (a link could carry a file from elsewhere on the server into the
/// public data agents read), copies it beside its destination and moves it into place in one rename, so a reader
/// never sees half a competition and two racing imports of one name cannot both win.
/// </summary>
public static partial class CompetitionImporter
{
    /// <summary>Null when <paramref name="name"/> can name a competition folder, else why not.</summary>
    public static string? NameProblem(string name) =>
        NamePattern().IsMatch(name) ? null
            : $"A competition name needs 1-100 characters: letters, digits, '-', '_' or '.', starting with a letter or digit; got '{name}'.";

    /// <summary>
    /// Imports <paramref name="sourceDirectory"/> (the folder holding data/) as <paramref name="name"/>. Throws
    /// <see cref="CompetitionDataException"/> for a competition that cannot be served and
    /// <see cref="CompetitionAlreadyExistsException"/> when the name is taken (unless <paramref name="replace"/>).
    /// </summary>
    public static Competition Import(string sourceDirectory, string competitionsRoot, string name, bool replace = false)
    {
        if (NameProblem(name) is { } problem) throw new CompetitionDataException(problem);
        var source = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(source)) throw new CompetitionDataException($"'{sourceDirectory}' is not a folder.");
        if (new DirectoryInfo(source).LinkTarget is not null) throw new CompetitionDataException($"'{sourceDirectory}' is a link; name the folder itself.");
        var files = RegularFiles(source);
        // Loading the scorer checks everything scoring needs: layout, spec, answers, leaderboards.
        CompetitionScorer.Create(CompetitionLoader.Load(source, name: name));

        var target = Path.Combine(Path.GetFullPath(competitionsRoot), name);
        if (Directory.Exists(target) && !replace) throw new CompetitionAlreadyExistsException(name);
        var staging = Path.Combine(Path.GetDirectoryName(target)!, $".importing-{name}-{Guid.NewGuid():N}");
        try
        {
            foreach (var file in files)
            {
                var copy = Path.Combine(staging, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            if (replace && Directory.Exists(target)) Directory.Delete(target, recursive: true);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                throw new CompetitionAlreadyExistsException(name);
            }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return CompetitionLoader.Load(target, name: name);
    }

    /// <summary>Every file under <paramref name="root"/>, walking without following links; a link anywhere is refused.</summary>
    private static List<string> RegularFiles(string root)
    {
        var files = new List<string>();
        var folders = new Stack<DirectoryInfo>([new DirectoryInfo(root)]);
        while (folders.TryPop(out var folder))
        {
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                    throw new CompetitionDataException($"'{Path.GetRelativePath(root, entry.FullName)}' is a link; a competition to import holds plain files and folders only.");
                if (entry is DirectoryInfo sub) folders.Push(sub);
                else files.Add(entry.FullName);
            }
        }
        return files;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
