using System.Security.Cryptography;
using System.Text.Json;
using MLEDojo.Gateway.Wire;

namespace MLEDojo.Rollouts.Trajectories;

/// <summary>
/// <c>DIR/run.json</c>: the run's id, fixed when the folder is first used, and one entry per invocation. A rerun on
/// the same folder keeps the id, so its episode ids match the ones already written and finished episodes are skipped.
/// </summary>
public sealed record RunManifest(string RunId, DateTimeOffset CreatedAt, IReadOnlyList<RunInvocation> Invocations)
{
    public const string FileName = "run.json";

    /// <summary>Reads the folder's manifest (or starts one) and records this invocation; returns it with the invocation's number.</summary>
    public static (RunManifest Manifest, int Invocation) Begin(string directory, string commandLine, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        RunManifest manifest;
        if (File.Exists(path))
        {
            try
            {
                manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), GatewayJson.Options)
                    ?? throw new InvalidDataException($"{path} is empty.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} is not a run manifest ({e.Message}); use another --out folder or remove the file.");
            }
        }
        else
        {
            manifest = new RunManifest(NewRunId(now), now, []);
        }
        var invocation = manifest.Invocations.Count + 1;
        manifest = manifest with { Invocations = [.. manifest.Invocations, new RunInvocation(invocation, now, commandLine)] };
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(manifest, GatewayJson.Options));
        File.Move(temporary, path, overwrite: true);
        return (manifest, invocation);
    }

    public static string NewRunId(DateTimeOffset now) => $"run{now.UtcDateTime:yyyyMMddHHmmss}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}";
}

public sealed record RunInvocation(int Number, DateTimeOffset StartedAt, string CommandLine);
