using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace MLEDojo.Competitions.Info;

/// <summary>
/// MLE-Dojo's <c>InfoInterface</c>: the info types an agent can request (overview, data_structure,
/// sample_submission, name, metadata, data_path, output_path, and <c>all</c>), each a function of the
/// competition; custom providers can be registered. Private data never appears in any answer.
/// </summary>
public sealed class InfoProviders
{
    public const string All = "all";
    private const int SampleRows = 3;

    private readonly ConcurrentDictionary<string, Func<InfoContext, string>> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _fromMemory = new(StringComparer.Ordinal);

    public InfoProviders()
    {
        Register("overview", c => File.ReadAllText(c.Competition.DescriptionPath));
        Register("data_structure", c => File.Exists(Path.Combine(c.Competition.PublicDirectory, "data_structure.txt"))
            ? File.ReadAllText(Path.Combine(c.Competition.PublicDirectory, "data_structure.txt"))
            : DataTree.Render(c.Competition.PublicDirectory));
        Register("sample_submission", c => FirstLines(c.Competition.SampleSubmissionPath, SampleRows + 1));
        Register("name", c => c.Competition.Name, fromMemory: true);
        Register("metadata", c => JsonSerializer.Serialize(c.Competition.Metadata with { }, new JsonSerializerOptions { WriteIndented = true }), fromMemory: true);
        Register("data_path", c => c.Competition.PublicDirectory, fromMemory: true);
        Register("output_path", c => c.OutputDirectory, fromMemory: true);
    }

    public IReadOnlyList<string> Types => _providers.Keys.Order(StringComparer.Ordinal).Append(All).ToArray();

    /// <summary>Whether <paramref name="infoType"/> can be asked for (checked on every request_info step, so without building <see cref="Types"/>).</summary>
    public bool Knows(string infoType) => infoType == All || _providers.ContainsKey(infoType);

    /// <param name="fromMemory">
    /// True when the provider only reads what the competition and context hold in memory, so a caller that must not
    /// block (a grain turn) may call it inline; false (the safe default) when it may read files.
    /// </param>
    public void Register(string infoType, Func<InfoContext, string> provider, bool fromMemory = false)
    {
        if (string.IsNullOrWhiteSpace(infoType) || infoType == All)
            throw new ArgumentException($"'{infoType}' cannot name an info provider.", nameof(infoType));
        _providers[infoType] = provider;
        _fromMemory[infoType] = fromMemory;
    }

    /// <summary>Whether answering <paramref name="infoType"/> reads nothing from disk (see <see cref="Register"/>); false for unknown types and for <c>all</c>.</summary>
    public bool AnswersFromMemory(string infoType) => _fromMemory.TryGetValue(infoType, out var fromMemory) && fromMemory;

    /// <summary>The requested information by type; <c>all</c> answers every provider.</summary>
    public IReadOnlyDictionary<string, string> Get(string infoType, InfoContext context)
    {
        if (infoType == All)
            return _providers.Keys.Order(StringComparer.Ordinal).ToDictionary(t => t, t => Invoke(t, context));
        if (!_providers.ContainsKey(infoType))
            throw new InfoException($"Unknown info type '{infoType}'. Valid types: {string.Join(", ", Types)}.");
        return new Dictionary<string, string> { [infoType] = Invoke(infoType, context) };
    }

    private string Invoke(string infoType, InfoContext context)
    {
        try
        {
            return _providers[infoType](context);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InfoException($"The '{infoType}' information is not available: {e.Message}");
        }
    }

    private static string FirstLines(string path, int lines)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var text = new StringBuilder();
        for (var i = 0; i < lines && reader.ReadLine() is { } line; i++)
            text.Append(line.Length > 2000 ? line[..2000] + "..." : line).Append('\n');
        return text.ToString();
    }
}
