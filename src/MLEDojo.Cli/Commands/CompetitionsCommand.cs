using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MLEDojo.Competitions;
using MLEDojo.Competitions.Catalog;
using MLEDojo.Competitions.Import;
using MLEDojo.Competitions.Info;
using MLEDojo.Competitions.Scoring;

namespace MLEDojo.Cli.Commands;

/// <summary><c>dojo competitions list|show|import</c>.</summary>
internal static class CompetitionsCommand
{
    public static Command Build(TextWriter output, TextWriter error) =>
        new("competitions", "List, inspect and import competitions.")
        {
            List(output, error),
            Show(output, error),
            Import(output, error),
        };

    private static Command List(TextWriter output, TextWriter error)
    {
        var dataRoot = DojoCli.DataRootOption();
        var catalog = new Option<bool>("--catalog") { Description = "List the built-in catalog of MLE-Dojo competitions instead of the data root." };
        var category = new Option<string?>("--category") { Description = "Only this category (Tabular, NLP, CV, ...)." };
        var level = new Option<string?>("--level") { Description = "Only this level (beginner, intermediate, advanced)." };
        var command = new Command("list", "List the competitions under the data root (or the whole catalog).") { dataRoot, catalog, category, level };
        command.SetAction(parse => CommandErrors.Guard(error, () =>
        {
            var wantCategory = parse.GetValue(category);
            var wantLevel = parse.GetValue(level);
            bool Keep(CompetitionMetadata m) =>
                (wantCategory is null || string.Equals(m.Category, wantCategory, StringComparison.OrdinalIgnoreCase)) &&
                (wantLevel is null || string.Equals(m.Level, wantLevel, StringComparison.OrdinalIgnoreCase));

            if (parse.GetValue(catalog))
            {
                var known = CompetitionCatalog.Default;
                var rows = known.Specs.OrderBy(s => s.Name, StringComparer.Ordinal).Where(s => Keep(known.MetadataFor(s.Name))).ToArray();
                foreach (var spec in rows)
                    output.WriteLine(Row(spec.Name, spec, known.MetadataFor(spec.Name)));
                output.WriteLine($"{rows.Length} competitions, {rows.Count(s => s.Unavailability is null)} supported.");
                return 0;
            }
            var (registry, failed) = CompetitionRegistry.FromRoot(DataRoot.Resolve(parse.GetValue(dataRoot)));
            foreach (var name in registry.List())
            {
                var competition = registry.Get(name);
                if (Keep(competition.Metadata)) output.WriteLine(Row(name, competition.Spec, competition.Metadata));
            }
            foreach (var (directory, problem) in failed)
                output.WriteLine($"{Path.GetFileName(directory),-50} NOT LOADED: {problem}");
            return 0;
        }));
        return command;
    }

    private static string Row(string name, ScoringSpec spec, CompetitionMetadata metadata)
    {
        var status = spec.Unavailability is { } reason ? $"unsupported: {reason}" : "ok";
        return $"{name,-50} {metadata.Category,-10} {metadata.Level,-12} {spec.Family,-14} {(spec.HigherIsBetter ? "max" : "min"),-4} {status}";
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var dataRoot = DojoCli.DataRootOption();
        var name = new Argument<string>("name") { Description = "Competition name." };
        var command = new Command("show", "Show a competition: scoring, metadata, leaderboards and medal thresholds.") { name, dataRoot };
        command.SetAction(parse => CommandErrors.Guard(error, () =>
        {
            var competition = DataRoot.LoadCompetition(parse.GetValue(dataRoot), parse.GetRequiredValue(name));
            var spec = competition.Spec;
            output.WriteLine($"name:              {competition.Name}");
            output.WriteLine($"data:              {competition.DataDirectory}");
            output.WriteLine($"category / level:  {competition.Metadata.Category} / {competition.Metadata.Level}");
            if (competition.Metadata.Tldr is { } tldr) output.WriteLine($"tl;dr:             {tldr}");
            if (competition.Metadata.Tags.Length > 0) output.WriteLine($"tags:              {string.Join(", ", competition.Metadata.Tags)}");
            output.WriteLine($"metric:            {spec.Family} {JsonSerializer.Serialize(spec.Params)} ({(spec.HigherIsBetter ? "higher" : "lower")} is better)");
            output.WriteLine($"id column:         {spec.IdColumn ?? "(none: rows in file order)"}{(spec.IdAsText ? " (compared as text)" : "")}");
            output.WriteLine($"targets:           {string.Join(", ", spec.TargetColumns)}");
            if (competition.Unavailability is { } reason)
            {
                output.WriteLine($"status:            unsupported: {reason}");
                return 0;
            }
            var scorer = CompetitionScorer.Create(competition);
            foreach (var board in new[] { scorer.PrivateBoard, scorer.PublicBoard }.OfType<Competitions.Leaderboards.Leaderboard>())
                output.WriteLine($"{board.Name + " board:",-19}{board.Count} teams, best {F(board.BoardOrder[0])}, last {F(board.BoardOrder[^1])}");
            if (scorer.Medals is { } m)
                output.WriteLine($"medals (MLE-bench): gold {F(m.Gold)}, silver {F(m.Silver)}, bronze {F(m.Bronze)}, median {F(m.Median)}");
            var info = new InfoProviders().Get("data_structure", new InfoContext(competition, "."));
            output.WriteLine("public files:");
            output.Write(info["data_structure"]);
            return 0;
        }));
        return command;
    }

    private static Command Import(TextWriter output, TextWriter error)
    {
        var source = new Argument<DirectoryInfo>("dir") { Description = "A prepared competition folder (<name>/data/...) or a prepared root holding several." };
        var dataRoot = DojoCli.DataRootOption();
        var force = new Option<bool>("--force") { Description = "Replace competitions that already exist under the data root." };
        var command = new Command("import", "Check prepared competitions and copy them under the data root.") { source, dataRoot, force };
        command.SetAction(parse => CommandErrors.Guard(error, () =>
        {
            var from = parse.GetRequiredValue(source);
            if (!from.Exists) throw new UsageException($"{from.FullName} does not exist.");
            var root = DataRoot.Resolve(parse.GetValue(dataRoot));
            var candidates = Directory.Exists(Path.Combine(from.FullName, "data"))
                ? [from.FullName]
                : Directory.EnumerateDirectories(from.FullName).Where(d => Directory.Exists(Path.Combine(d, "data"))).Order(StringComparer.Ordinal).ToArray();
            if (candidates.Length == 0) throw new UsageException($"{from.FullName} holds no prepared competition (no data/ folder).");
            var imported = 0;
            foreach (var directory in candidates)
            {
                var name = Path.GetFileName(directory);
                var target = Path.Combine(root, name);
                try
                {
                    CompetitionImporter.Import(directory, root, name, replace: parse.GetValue(force));
                }
                catch (CompetitionDataException e)
                {
                    output.WriteLine($"skipped {name}: {e.Message}");
                    continue;
                }
                catch (CompetitionAlreadyExistsException)
                {
                    output.WriteLine($"skipped {name}: already under {root} (use --force to replace)");
                    continue;
                }
                output.WriteLine($"imported {name} -> {target}");
                imported++;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{imported} of {candidates.Length} imported."));
            return 0;
        }));
        return command;
    }

    private static string F(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
