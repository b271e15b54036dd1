using MLEDojo.Competitions.Catalog;
using MLEDojo.Competitions.Info;

namespace MLEDojo.Competitions.Tests.Catalog;

public sealed class CompetitionRegistryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void LoadsThePreparedRoot()
    {
        var (registry, failed) = CompetitionRegistry.FromRoot(RepoPaths.CompetitionsRoot);
        Assert.Empty(failed);
        Assert.Equal(
            ["detecting-insults-in-social-commentary", "home-data-for-ml-course", "nomad2018-predict-transparent-conductors", "spaceship-titanic"],
            registry.List());
        Assert.True(registry.Contains("spaceship-titanic"));
        Assert.Equal("PassengerId", registry.Get("spaceship-titanic").Spec.IdColumn);
    }

    [Fact]
    public void RegisterGetUnregister()
    {
        var registry = new CompetitionRegistry();
        registry.Register("spaceship-titanic", RepoPaths.Competition("spaceship-titanic"));
        Assert.Throws<CompetitionAlreadyExistsException>(() => registry.Register("spaceship-titanic", RepoPaths.Competition("spaceship-titanic")));
        Assert.Equal(1, registry.Count);
        Assert.True(registry.Unregister("spaceship-titanic"));
        var e = Assert.Throws<CompetitionNotFoundException>(() => registry.Get("spaceship-titanic"));
        Assert.Contains("not registered", e.Message);
    }

    [Fact]
    public void FiltersByCategoryAndLevel()
    {
        var (registry, _) = CompetitionRegistry.FromRoot(RepoPaths.CompetitionsRoot);
        var spaceship = registry.Get("spaceship-titanic");
        Assert.Contains(spaceship, registry.ByCategory(spaceship.Metadata.Category));
        Assert.Contains(spaceship, registry.ByLevel(spaceship.Metadata.Level.ToUpperInvariant()));
        Assert.Empty(registry.ByCategory("no-such-category"));
    }

    [Fact]
    public void ExplicitMetadataOverridesTheCatalog()
    {
        var registry = new CompetitionRegistry();
        var competition = registry.Register("spaceship-titanic", RepoPaths.Competition("spaceship-titanic"),
            new CompetitionMetadata { Category = "Custom", Level = "advanced", Tags = ["x"], Tldr = "t" });
        Assert.Equal("Custom", competition.Metadata.Category);
        Assert.Single(registry.ByLevel("advanced"));
    }

    [Fact]
    public void BrokenFoldersAreReportedNotThrown()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, "half-prepared", "data", "public"));
        var (registry, failed) = CompetitionRegistry.FromRoot(_temp.Path);
        Assert.Equal(0, registry.Count);
        var (directory, problem) = Assert.Single(failed);
        Assert.EndsWith("half-prepared", directory);
        Assert.Contains("data/private/test_answer.csv", problem);
    }

    [Fact]
    public void CompetitionOutsideTheCatalogUsesItsManifest()
    {
        var folder = CopyCompetition("spaceship-titanic", "my-spaceship");
        var e = Assert.Throws<CompetitionDataException>(() => CompetitionLoader.Load(folder));
        Assert.Contains("not in the built-in catalog", e.Message);

        File.WriteAllText(Path.Combine(folder, CompetitionLoader.ManifestFileName), """
            { "family": "accuracy", "higher_is_better": true, "id_column": "PassengerId", "id_as_text": true,
              "target_columns": ["Transported"], "category": "Tabular", "level": "beginner", "tldr": "Who was transported?" }
            """);
        var competition = CompetitionLoader.Load(folder);
        Assert.Equal("my-spaceship", competition.Name);
        Assert.Equal("beginner", competition.Metadata.Level);
        var report = global::MLEDojo.Competitions.Scoring.CompetitionScorer.Create(competition)
            .Score(Path.Combine(RepoPaths.ReferenceRoot, "spaceship-titanic", "submissions", "2_baseline_model.csv"));
        Assert.Equal(0.8149425287356322, report.RawScore!.Value, 12);
    }

    [Fact]
    public void PredictionColumnsNameTheSubmissionsColumn()
    {
        var folder = CopyCompetition("spaceship-titanic", "renamed-prediction");
        File.WriteAllText(Path.Combine(folder, CompetitionLoader.ManifestFileName), """
            { "family": "accuracy", "id_column": "PassengerId", "id_as_text": true, "target_columns": ["Transported"],
              "prediction_columns": ["Guess"], "submission_columns": ["PassengerId", "Guess"] }
            """);
        var baseline = File.ReadAllLines(Path.Combine(RepoPaths.ReferenceRoot, "spaceship-titanic", "submissions", "2_baseline_model.csv"));
        var submission = _temp.File("guess.csv", string.Join("\n", baseline.Skip(1).Prepend("PassengerId,Guess")) + "\n");
        var scorer = global::MLEDojo.Competitions.Scoring.CompetitionScorer.Create(CompetitionLoader.Load(folder));

        Assert.Equal(0.8149425287356322, scorer.Score(submission).RawScore!.Value, 12);
        var original = scorer.Score(Path.Combine(RepoPaths.ReferenceRoot, "spaceship-titanic", "submissions", "2_baseline_model.csv"));
        Assert.Contains("Missing required columns in submission: Guess", original.Error);
    }

    [Fact]
    public void InvalidManifestIsAClearError()
    {
        var folder = CopyCompetition("spaceship-titanic", "bad-manifest");
        File.WriteAllText(Path.Combine(folder, CompetitionLoader.ManifestFileName), """{ "family": "accuracy" }""");
        var e = Assert.Throws<CompetitionDataException>(() => CompetitionLoader.Load(folder));
        Assert.Contains("target_columns", e.Message);
    }

    [Fact]
    public void InfoProvidersAnswerEveryTypeWithoutPrivateData()
    {
        var competition = CompetitionLoader.Load(RepoPaths.Competition("nomad2018-predict-transparent-conductors"));
        var info = new InfoProviders();
        var all = info.Get(InfoProviders.All, new InfoContext(competition, "/episodes/e1"));
        Assert.Equal(["data_path", "data_structure", "metadata", "name", "output_path", "overview", "sample_submission"], all.Keys.Order());
        Assert.StartsWith("id,formation_energy_ev_natom,bandgap_energy_ev\n", all["sample_submission"]);
        Assert.Equal(4, all["sample_submission"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("/episodes/e1", all["output_path"]);
        Assert.DoesNotContain("private", all["data_structure"]);
        Assert.Contains("and ", all["data_structure"]); // 2,400 geometry folders are summarised
        Assert.True(all["data_structure"].Split('\n').Length < 80);
        Assert.Contains("\"category\"", all["metadata"]);
    }

    [Fact]
    public void UnknownInfoTypeListsTheValidOnes()
    {
        var competition = CompetitionLoader.Load(RepoPaths.Competition("spaceship-titanic"));
        var e = Assert.Throws<InfoException>(() => new InfoProviders().Get("answers", new InfoContext(competition, ".")));
        Assert.Contains("overview", e.Message);
    }

    [Fact]
    public void CustomProvidersCanBeRegistered()
    {
        var competition = CompetitionLoader.Load(RepoPaths.Competition("spaceship-titanic"));
        var info = new InfoProviders();
        info.Register("rules", _ => "no external data");
        Assert.Equal("no external data", info.Get("rules", new InfoContext(competition, "."))["rules"]);
        Assert.Contains("rules", info.Types);
    }

    [Fact]
    public void OnlyProvidersThatReadNoFilesAnswerFromMemory()
    {
        // The episode grain answers these inside its turn: they must keep working with the competition's files gone.
        var competition = CompetitionLoader.Load(CopyCompetition("spaceship-titanic", "spaceship-titanic"));
        Directory.Delete(competition.DataDirectory, recursive: true);
        var info = new InfoProviders();
        string[] fromMemory = ["data_path", "metadata", "name", "output_path"];
        foreach (var type in fromMemory)
        {
            Assert.True(info.AnswersFromMemory(type), type);
            Assert.NotEmpty(info.Get(type, new InfoContext(competition, "/episodes/e1"))[type]);
        }
        Assert.Equal(["data_structure", "overview", "sample_submission"], info.Types.Where(t => t != InfoProviders.All).Except(fromMemory));
        foreach (var type in new[] { "data_structure", "overview", "sample_submission", InfoProviders.All, "answers" })
            Assert.False(info.AnswersFromMemory(type), type);
        info.Register("rules", _ => "no external data");
        info.Register("seed", _ => "42", fromMemory: true);
        Assert.False(info.AnswersFromMemory("rules"));
        Assert.True(info.AnswersFromMemory("seed"));
    }

    private string CopyCompetition(string name, string newName)
    {
        var target = Path.Combine(_temp.Path, newName);
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Competition(name), "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RepoPaths.Competition(name), file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
