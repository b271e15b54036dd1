using System.Collections;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace MLEDojo.Hosting.Configuration;

/// <summary>
/// Loads <see cref="DojoSiloOptions"/>: the JSON file, then environment variables (DOJO_ prefix, "__" between
/// levels, e.g. DOJO_limits__maxSteps=20), then the command line (--limits:maxSteps 20), later sources winning.
/// Relative paths are resolved against the config file's folder, and the result is validated.
/// </summary>
public static class DojoConfiguration
{
    public const string FileName = "silo.config.json";
    public const string EnvironmentPrefix = "DOJO_";

    /// <summary>
    /// Loads the configuration named by --config FILE, else DOJO_CONFIG, else the nearest silo.config.json at or
    /// above the current directory. <paramref name="environment"/> defaults to the process environment.
    /// </summary>
    public static DojoSiloOptions Load(string[] args, IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var (configPath, rest) = TakeConfigArgument(args);
        configPath ??= environment[EnvironmentPrefix + "CONFIG"] as string ?? FindNearest(Directory.GetCurrentDirectory());
        return Load(configPath, rest, environment);
    }

    public static DojoSiloOptions Load(string configPath, string[] args, IDictionary environment)
    {
        var fullPath = Path.GetFullPath(configPath);
        if (!File.Exists(fullPath))
            throw new DojoConfigurationException($"Configuration file '{fullPath}' does not exist.");
        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(fullPath, optional: false, reloadOnChange: false)
                .AddInMemoryCollection(EnvironmentOverrides(environment))
                .AddCommandLine(args)
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw new DojoConfigurationException($"Configuration file '{fullPath}' is not valid JSON: {e.Message}", e);
        }

        var options = new DojoSiloOptions();
        try
        {
            // Every key must mean something: a misspelt key is an error, not a silently ignored setting.
            // devices.gpus may be a JSON list, which a string property cannot take; it is read separately below.
            var scalars = new ConfigurationBuilder().AddInMemoryCollection(configuration.AsEnumerable()
                .Where(kv => kv.Value is not null && !kv.Key.StartsWith("devices:gpus:", StringComparison.OrdinalIgnoreCase))).Build();
            scalars.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new DojoConfigurationException($"Configuration '{fullPath}': {e.Message}", e);
        }
        // devices.gpus is a string ("auto", "fake:2", "0,1") or a JSON list of indices, which arrives as children.
        var gpus = configuration.GetSection("devices:gpus");
        if (gpus.Value is null && gpus.GetChildren().Any())
            options.Devices.Gpus = string.Join(",", gpus.GetChildren().Select(c => c.Value));

        ResolvePaths(options, Path.GetDirectoryName(fullPath)!);
        var problems = DojoSiloOptionsValidator.Problems(options);
        if (problems.Count > 0)
            throw new DojoConfigurationException(
                $"Configuration '{fullPath}' is invalid:\n  " + string.Join("\n  ", problems));
        return options;
    }

    /// <summary>Makes the paths absolute, relative to <paramref name="baseDirectory"/> (the config file's folder).</summary>
    public static void ResolvePaths(DojoSiloOptions options, string baseDirectory)
    {
        options.CompetitionsRoot = Path.GetFullPath(options.CompetitionsRoot, baseDirectory);
        options.EpisodesRoot = Path.GetFullPath(options.EpisodesRoot, baseDirectory);
        if (!string.IsNullOrWhiteSpace(options.CompetitionImportRoot))
            options.CompetitionImportRoot = Path.GetFullPath(options.CompetitionImportRoot, baseDirectory);
        if (options.Storage.Provider == DojoStorageProviders.Sqlite)
            options.Storage.ConnectionString = ResolveSqlitePath(options.Storage.ConnectionString, baseDirectory);
        options.GatewayKeyStore = ResolveSqlitePath(options.GatewayKeyStore, baseDirectory);
        if (options.Arena.ScriptSocket.Length > 0)
            options.Arena.ScriptSocket = Path.GetFullPath(options.Arena.ScriptSocket, baseDirectory);
    }

    private static string ResolveSqlitePath(string connectionString, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return connectionString;
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (builder.DataSource is { Length: > 0 } source && source != ":memory:")
                builder.DataSource = Path.GetFullPath(source, baseDirectory);
            return builder.ToString();
        }
        catch (ArgumentException)
        {
            return connectionString; // Left as is: the validator reports the malformed connection string with its key.
        }
    }

    /// <summary>
    /// DOJO_ variables that are not settings: the config path itself, the CLI's data root, the clients' key and
    /// gateway, and what the runner gives agent code. Any other DOJO_ name must be a setting, or it is an error.
    /// </summary>
    private static readonly HashSet<string> NotSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "CONFIG", "DATA_ROOT", "API_KEY", "GATEWAY", "GATEWAY_URL", "DATA_DIR", "OUTPUT_DIR", "RUN_ID",
    };

    private static Dictionary<string, string?> EnvironmentOverrides(IDictionary environment)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry variable in environment)
        {
            if (variable.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            var key = name[EnvironmentPrefix.Length..];
            if (NotSettings.Contains(key)) continue;
            overrides[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = variable.Value as string;
        }
        return overrides;
    }

    private static (string? ConfigPath, string[] Remaining) TakeConfigArgument(string[] args)
    {
        var rest = new List<string>();
        string? configPath = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                if (i + 1 >= args.Length) throw new DojoConfigurationException("--config needs a file path.");
                configPath = args[++i];
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal)) configPath = args[i]["--config=".Length..];
            else rest.Add(args[i]);
        }
        return (configPath, rest.ToArray());
    }

    /// <summary>The nearest silo.config.json at or above <paramref name="start"/>; throws when there is none.</summary>
    public static string FindNearest(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new DojoConfigurationException($"No {FileName} found at or above '{start}'; pass --config FILE or set DOJO_CONFIG.");
    }
}
