using System.Text;
using System.Text.Json;
using MLEDojo.Gateway.Wire;
using TrajectoryStep = MLEDojo.Rollouts.Trajectories.TrajectoryStep;

namespace MLEDojo.Rollouts.Trajectories;

/// <summary>
/// <c>DIR/trajectories.jsonl</c>, written one whole episode at a time (one append, flushed to disk), so a process
/// killed at any moment leaves finished episodes plus at most one torn block. <see cref="Open"/> drops that block
/// and any episode without its end line, so a rerun replays exactly the unfinished episodes and never duplicates one.
/// </summary>
public sealed class TrajectoryStore : IDisposable
{
    public const string FileName = "trajectories.jsonl";

    private readonly FileStream _file;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _finished;

    private TrajectoryStore(FileStream file, HashSet<string> finished, int droppedLines)
    {
        _file = file;
        _finished = finished;
        DroppedLines = droppedLines;
    }

    public string Path => _file.Name;

    /// <summary>Lines of unfinished or torn episodes removed when the store was opened.</summary>
    public int DroppedLines { get; }

    public bool IsFinished(string episodeId)
    {
        lock (_gate) return _finished.Contains(episodeId);
    }

    public int FinishedCount
    {
        get { lock (_gate) return _finished.Count; }
    }

    public static TrajectoryStore Open(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        var (kept, finished, dropped) = File.Exists(path) ? Recover(File.ReadAllText(path, Encoding.UTF8)) : ([], [], 0);
        if (dropped > 0)
        {
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, string.Concat(kept.Select(line => line + "\n")), new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new TrajectoryStore(file, finished, dropped);
    }

    /// <summary>Appends one finished episode's lines; a second copy of an episode already recorded is refused.</summary>
    public void AppendEpisode(IReadOnlyList<TrajectoryStep> steps)
    {
        if (steps.Count == 0 || !steps[^1].EpisodeEnd) throw new ArgumentException("An episode is appended whole: its last line must end it.", nameof(steps));
        var episodeId = steps[0].EpisodeId;
        var text = new StringBuilder();
        foreach (var step in steps) text.Append(JsonSerializer.Serialize(step, GatewayJson.Options)).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        lock (_gate)
        {
            if (!_finished.Add(episodeId)) throw new InvalidOperationException($"Episode {episodeId} is already recorded.");
            _file.Write(bytes);
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The complete lines of finished episodes (first copy of each), their ids, and how many lines were dropped.</summary>
    public static (List<string> Kept, HashSet<string> Finished, int Dropped) Recover(string content)
    {
        var lines = content.Split('\n');
        // The text after the last newline is a torn line (or empty).
        var complete = lines.Take(lines.Length - 1).Where(l => l.Length > 0).ToList();
        var dropped = lines[^1].Length > 0 ? 1 : 0;
        var byEpisode = new Dictionary<string, List<string>>();
        var order = new List<string>();
        var finished = new HashSet<string>();
        var kept = new List<string>();
        foreach (var line in complete)
        {
            if (!TryRead(line, out var episodeId, out var end)) { dropped++; continue; }
            if (finished.Contains(episodeId)) { dropped++; continue; }
            if (!byEpisode.TryGetValue(episodeId, out var block)) byEpisode[episodeId] = block = [];
            block.Add(line);
            if (!end) continue;
            kept.AddRange(block);
            finished.Add(episodeId);
            byEpisode.Remove(episodeId);
        }
        dropped += byEpisode.Values.Sum(b => b.Count);
        return (kept, finished, dropped);
    }

    private static bool TryRead(string line, out string episodeId, out bool end)
    {
        episodeId = "";
        end = false;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("episode_id", out var id) || id.ValueKind != JsonValueKind.String) return false;
            episodeId = id.GetString()!;
            end = root.TryGetProperty("episode_end", out var flag) && flag.ValueKind == JsonValueKind.True;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
