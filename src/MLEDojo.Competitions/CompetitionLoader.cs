using System.Text.Json;
using MLEDojo.Competitions.Catalog;

namespace MLEDojo.Competitions;

/// <summary>
/// Finds competitions on disk. A competition folder is <c>&lt;name&gt;/data/{public,private}</c> as MLE-Dojo's
/// prepare scripts leave it; its scoring comes from the built-in catalog, or from a <c>competition.json</c>
/// manifest beside <c>data/</c> (which wins, so a catalog entry can be overridden locally).
/// </summary>
public static class CompetitionLoader
{
    public const string ManifestFileName = "competition.json";

    /// <summary>Loads one competition folder (the one that contains <c>data/</c>, or <c>data/</c> itself).</summary>
    public static Competition Load(string directory, CompetitionCatalog? catalog = null, string? name = null)
    {
        catalog ??= CompetitionCatalog.Default;
        var full = Path.GetFullPath(directory);
        var dataDirectory = Path.GetFileName(full) == "data" && Directory.Exists(Path.Combine(full, "public")) ? full : Path.Combine(full, "data");
        var competitionDirectory = Path.GetDirectoryName(dataDirectory)!;
        name ??= Path.GetFileName(competitionDirectory);
        var missing = Competition.RequiredPaths.Where(p => !Path.Exists(Path.Combine(dataDirectory, p))).ToArray();
        if (missing.Length > 0)
            throw new CompetitionDataException(
                $"'{competitionDirectory}' is not a prepared competition: missing {string.Join(", ", missing.Select(m => "data/" + m))}. " +
                "Expected MLE-Dojo's layout <name>/data/public/{description.txt,sample_submission.csv} and <name>/data/private/test_answer.csv.");

        var manifestPath = Path.Combine(competitionDirectory, ManifestFileName);
        if (File.Exists(manifestPath))
        {
            var (spec, metadata) = ReadManifest(manifestPath, name);
            return new Competition(name, dataDirectory, spec, metadata);
        }
        if (catalog.TryGetSpec(name, out var catalogSpec))
            return new Competition(name, dataDirectory, catalogSpec, catalog.MetadataFor(name));
        throw new CompetitionDataException(
            $"Competition '{name}' is not in the built-in catalog of MLE-Dojo competitions and has no {ManifestFileName} beside its data/ folder. " +
            "Write a manifest (see docs/CATALOG.md) naming its metric family, id column and target columns.");
    }

    /// <summary>
    /// Loads every competition under a prepared root (one folder per competition). Folders that fail to load are
    /// reported, not thrown, so one broken competition never hides the others.
    /// </summary>
    public static (IReadOnlyList<Competition> Loaded, IReadOnlyList<(string Directory, string Problem)> Failed) LoadRoot(
        string root, CompetitionCatalog? catalog = null)
    {
        if (!Directory.Exists(root))
            throw new CompetitionDataException($"The competitions root '{root}' does not exist.");
        var loaded = new List<Competition>();
        var failed = new List<(string, string)>();
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!Directory.Exists(Path.Combine(directory, "data"))) continue;
            try
            {
                loaded.Add(Load(directory, catalog));
            }
            catch (CompetitionDataException e)
            {
                failed.Add((directory, e.Message));
            }
        }
        return (loaded, failed);
    }

    private static (ScoringSpec, CompetitionMetadata) ReadManifest(string path, string name)
    {
        try
        {
            var json = File.ReadAllText(path);
            var spec = JsonSerializer.Deserialize<ScoringSpec>(json) ?? throw new JsonException("the file is empty");
            spec = spec with { Name = string.IsNullOrEmpty(spec.Name) ? name : spec.Name };
            var problems = spec.Problems();
            if (problems.Count > 0) throw new JsonException(string.Join("; ", problems));
            var metadata = JsonSerializer.Deserialize<CompetitionMetadata>(json) ?? CompetitionMetadata.Default;
            return (spec, metadata);
        }
        catch (JsonException e)
        {
            throw new CompetitionDataException($"The manifest {path} is invalid: {e.Message}", e);
        }
    }
}
