using System.Text.Json;

namespace MLEDojo.Cli;

/// <summary>
/// Finds the competitions root: the --data-root option, else <c>DOJO_DATA_ROOT</c>, else
/// <c>competitionsRoot</c> in the nearest <c>silo.config.json</c> (searched upwards from the current folder,
/// a relative path being relative to that file).
/// </summary>
public static class DataRoot
{
    public const string ConfigFileName = "silo.config.json";

    public static string Resolve(DirectoryInfo? option, string? searchFrom = null)
    {
        if (option is not null) return option.FullName;
        if (Environment.GetEnvironmentVariable("DOJO_DATA_ROOT") is { Length: > 0 } fromEnvironment) return Path.GetFullPath(fromEnvironment);
        var config = FindConfig(searchFrom ?? Directory.GetCurrentDirectory())
            ?? throw new UsageException($"No --data-root given, DOJO_DATA_ROOT is unset and no {ConfigFileName} was found in this folder or above.");
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

    private static string? FindConfig(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, ConfigFileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A mistake in how the command was called; printed without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
