using System.Text.Json;
using MLEDojo.Hosting.Configuration;

namespace MLEDojo.Cli;

/// <summary>
/// Finds the competitions root: the --data-root option, else <c>DOJO_DATA_ROOT</c>, else
/// <c>competitionsRoot</c> in the nearest <c>silo.config.json</c> (searched upwards from the current folder,
/// a relative path being relative to that file).
/// </summary>
public static class DataRoot
{
    public const string ConfigFileName = DojoConfiguration.FileName;

    /// <summary>Loads competition <paramref name="name"/> from the resolved data root; an unknown name is a usage error.</summary>
    public static Competitions.Competition LoadCompetition(DirectoryInfo? option, string name)
    {
        var root = Resolve(option);
        var directory = Path.Combine(root, name);
        if (!Directory.Exists(directory))
            throw new UsageException($"No competition '{name}' under {root}.");
        return Competitions.CompetitionLoader.Load(directory);
    }

    public static string Resolve(DirectoryInfo? option, string? searchFrom = null)
    {
        if (option is not null) return option.FullName;
        if (Environment.GetEnvironmentVariable("DOJO_DATA_ROOT") is { Length: > 0 } fromEnvironment) return Path.GetFullPath(fromEnvironment);
        string config;
        try
        {
            config = DojoConfiguration.FindNearest(searchFrom ?? Directory.GetCurrentDirectory());
        }
        catch (DojoConfigurationException)
        {
            throw new UsageException($"No --data-root given, DOJO_DATA_ROOT is unset and no {ConfigFileName} was found in this folder or above.");
        }
        // Only competitionsRoot is needed to score, so a config that a silo would refuse for other keys still serves here.
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(config), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!document.RootElement.TryGetProperty("competitionsRoot", out var value) || value.ValueKind != JsonValueKind.String)
                throw new UsageException($"{config} has no string 'competitionsRoot'.");
            return Path.GetFullPath(value.GetString()!, Path.GetDirectoryName(config)!);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{config} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>A mistake in how the command was called; printed without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
