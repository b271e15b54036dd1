using System.CommandLine;
using MLEDojo.Cli.Commands;

namespace MLEDojo.Cli;

/// <summary>The <c>dojo</c> command line. Exit codes: 0 success (an invalid submission included), 2 usage or data errors.</summary>
public static class DojoCli
{
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("MLEDojo.Orleans: MLE-Dojo competitions served to AI agents at cluster scale.")
        {
            CompetitionsCommand.Build(output, error),
            ScoreCommand.Build(output, error),
            GridCommands.Serve(output, error),
            GridCommands.Gateway(output, error),
            GridCommands.Demo(output, error),
            KeysCommand.Build(output, error),
            DbCommand.Build(output, error),
            RolloutCommand.Build(output, error),
            ReportCommand.Build(output, error),
            BenchCommand.Build(output, error),
        };
        foreach (var command in ArenaCommands.Build(output, error)) root.Subcommands.Add(command);
        var parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Options shared by every command that reads competitions.</summary>
    internal static Option<DirectoryInfo?> DataRootOption() => new("--data-root")
    {
        Description = "Prepared competitions root (MLE-Dojo layout: <root>/<name>/data/{public,private}). Default: $DOJO_DATA_ROOT, else competitionsRoot in silo.config.json.",
    };
}
