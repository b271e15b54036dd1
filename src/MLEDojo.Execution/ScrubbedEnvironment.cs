namespace MLEDojo.Execution;

/// <summary>
/// The only variables agent code sees. Nothing of the host's environment is inherited: it may hold credentials
/// (cloud keys, tokens) and paths that would let the code find the private answers.
/// </summary>
internal static class ScrubbedEnvironment
{
    public const string SearchPath = "/usr/local/bin:/usr/bin:/bin";

    public static IReadOnlyDictionary<string, string> For(CodeRunSpec spec, string workingDirectory, string dataDirectory)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = SearchPath,
            ["HOME"] = workingDirectory,
            ["LANG"] = "C.UTF-8",
            ["PYTHONUNBUFFERED"] = "1",
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            ["MPLBACKEND"] = "Agg",
            ["DOJO_DATA_DIR"] = dataDirectory,
            ["DOJO_OUTPUT_DIR"] = workingDirectory,
        };
        foreach (var (name, value) in spec.Environment)
            variables[name] = value;
        return variables;
    }
}
